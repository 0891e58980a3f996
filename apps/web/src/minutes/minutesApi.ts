import type { ActionItemBody, ActionItemDto, MinutesDto } from '@akkoord/domain';
import { ApiError, errorFromResponse } from '../apiClient';

/**
 * Fetch wrappers for the 'Minutes and action items' routes of apps/server/FACILITATION.md.
 * apiClient.ts keeps its `send` private, so this module has its own small one with the same
 * behaviour: same-origin cookie, JSON, failures as `ApiError`.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (cause) {
    throw new ApiError('network', 0, 'The server could not be reached', {}, null, { cause });
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

async function json<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}

const meeting = (id: string, meetingId: string) =>
  `/workspaces/${encodeURIComponent(id)}/meetings/${encodeURIComponent(meetingId)}`;
const action = (id: string, meetingId: string, actionId: string) =>
  `${meeting(id, meetingId)}/actions/${encodeURIComponent(actionId)}`;

export const minutesApi = {
  get: (id: string, meetingId: string) =>
    json<MinutesDto>('GET', `${meeting(id, meetingId)}/minutes`),
  amend: (id: string, meetingId: string, body: { body: string; version: number }) =>
    json<MinutesDto>('PUT', `${meeting(id, meetingId)}/minutes`, body),
  approve: (id: string, meetingId: string, version: number) =>
    json<MinutesDto>('POST', `${meeting(id, meetingId)}/minutes/approve`, { version }),
  /** A download link (the browser sends the session cookie itself). */
  exportUrl: (id: string, meetingId: string, format: 'md' | 'pdf') =>
    `/api${meeting(id, meetingId)}/minutes/export?format=${format}`,

  actions: (id: string, meetingId: string) =>
    json<{ actions: ActionItemDto[] }>('GET', `${meeting(id, meetingId)}/actions`),
  addAction: (id: string, meetingId: string, body: ActionItemBody) =>
    json<{ action: ActionItemDto }>('POST', `${meeting(id, meetingId)}/actions`, body),
  updateAction: (id: string, meetingId: string, actionId: string, body: Partial<ActionItemBody>) =>
    json<{ action: ActionItemDto }>('PATCH', action(id, meetingId, actionId), body),
  removeAction: async (id: string, meetingId: string, actionId: string): Promise<void> => {
    await send('DELETE', action(id, meetingId, actionId));
  },
};
