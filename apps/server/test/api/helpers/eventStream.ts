import http from 'node:http';
import { waitFor } from '../../helpers/clients';

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** A real `text/event-stream` connection, with everything it received kept as raw text. */
export interface EventStreamClient {
  status: number;
  contentType: string;
  /** Every byte received, as text: tests search it for what must never arrive. */
  raw: () => string;
  events: () => ServerSentEvent[];
  /** Events of one type, their data parsed as JSON. */
  data: <T>(type: string) => T[];
  ended: () => boolean;
  close(): void;
}

function parse(raw: string): ServerSentEvent[] {
  const out: ServerSentEvent[] = [];
  for (const block of raw.split('\n\n')) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) out.push({ event, data: data.join('\n') });
  }
  return out;
}

/**
 * Opens `GET /api/workspaces/:id/events` with a Bearer token or the session cookie, and resolves
 * once the answer's headers are in (and, for a 200, the `ready` event).
 */
export async function openEventStream(
  base: string,
  workspaceId: string,
  auth: { token?: string; cookie?: string },
): Promise<EventStreamClient> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = `akkoord_session=${auth.cookie}`;
  let raw = '';
  let ended = false;
  const req = http.get(`${base}/api/workspaces/${workspaceId}/events`, { headers });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  req.on('error', () => {
    ended = true;
  });
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    raw += chunk;
  });
  res.on('end', () => {
    ended = true;
  });
  res.on('close', () => {
    ended = true;
  });
  const client: EventStreamClient = {
    status: res.statusCode ?? 0,
    contentType: String(res.headers['content-type'] ?? ''),
    raw: () => raw,
    events: () => parse(raw),
    data: <T>(type: string) =>
      parse(raw)
        .filter((e) => e.event === type)
        .map((e) => JSON.parse(e.data) as T),
    ended: () => ended,
    close: () => {
      req.destroy();
    },
  };
  if (client.status === 200)
    await waitFor(() => client.events().some((e) => e.event === 'ready'), 5000, 'ready event');
  else await waitFor(() => ended, 5000, 'refused stream to end');
  return client;
}
