import { randomUUID } from 'node:crypto';
import type { WorkspaceDto } from '@akkoord/domain';

export interface Provisioned {
  token: string;
  userId: string;
  workspace: WorkspaceDto;
  /** Rooms of the shared documents, by kind. */
  rooms: { process: string; agreement: string };
}

/** Registers a fresh user through the real API and creates a workspace (its documents = rooms). */
export async function provision(
  baseUrl: string,
  title = 'Testonderhandeling',
): Promise<Provisioned> {
  const email = `t-${randomUUID()}@example.nl`;
  const reg = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'geheim-wachtwoord-1', name: 'Test Facilitator' }),
  });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${await reg.text()}`);
  const { token, user } = (await reg.json()) as { token: string; user: { id: string } };
  const ws = await fetch(`${baseUrl}/api/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title }),
  });
  if (ws.status !== 201)
    throw new Error(`create workspace failed: ${ws.status} ${await ws.text()}`);
  const { workspace } = (await ws.json()) as { workspace: WorkspaceDto };
  const room = (kind: string) => workspace.documents.find((d) => d.kind === kind)!.room;
  return {
    token,
    userId: user.id,
    workspace,
    rooms: { process: room('process'), agreement: room('agreement') },
  };
}
