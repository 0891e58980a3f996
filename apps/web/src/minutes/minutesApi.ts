import type { ActionItemBody, ActionItemDto, MinutesDto } from '@akkoord/domain';
import { send, type Method } from '../apiClient';

/**
 * Fetch wrappers for the 'Minutes and action items' routes of apps/server/FACILITATION.md, on
 * apiClient's `send` (a 401 ends the session, as everywhere).
 */

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
