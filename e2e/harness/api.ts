import type { APIRequestContext, APIResponse } from 'playwright-core';

/** The subset of the REST contract (shared/CONTRACT.md) the browser tests need for set-up. */
export interface DocumentRef {
  id: string;
  kind: string;
  title: string;
  room: string;
  partyId?: string;
}

export interface Workspace {
  id: string;
  title: string;
  parties: { id: string; name: string; kind: string; color: string }[];
  members: { userId: string; name: string; role: string; partyId: string | null }[];
  documents: DocumentRef[];
}

export interface Account {
  token: string;
  user: { id: string; email: string; name: string };
}

async function body<T>(response: APIResponse, what: string): Promise<T> {
  if (!response.ok()) {
    throw new Error(`${what}: HTTP ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/**
 * Calls the API with a browser context's request object, so the session cookie the server
 * sets lands in that context and its pages' WebSockets are logged in, as after a real login.
 * Later calls use the Bearer token, which needs no Origin header.
 */
export class Api {
  private token: string | null = null;

  constructor(
    private readonly request: APIRequestContext,
    private readonly baseUrl: string,
  ) {}

  private headers(): Record<string, string> {
    return this.token === null ? {} : { Authorization: `Bearer ${this.token}` };
  }

  async register(name: string): Promise<Account> {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${Date.now()}@e2e.test`;
    const account = await body<Account>(
      await this.request.post(`${this.baseUrl}/api/auth/register`, {
        data: { email, password: 'correct-horse-battery', name },
      }),
      'register',
    );
    this.token = account.token;
    return account;
  }

  async createWorkspace(title: string): Promise<Workspace> {
    const { workspace } = await body<{ workspace: Workspace }>(
      await this.request.post(`${this.baseUrl}/api/workspaces`, {
        data: { title },
        headers: this.headers(),
      }),
      'create workspace',
    );
    return workspace;
  }

  async invite(
    workspaceId: string,
    invitation: { role: 'negotiator'; partyId: string } | { role: 'facilitator' | 'observer' },
  ): Promise<string> {
    const { invitation: created } = await body<{ invitation: { token: string } }>(
      await this.request.post(`${this.baseUrl}/api/workspaces/${workspaceId}/invitations`, {
        data: invitation,
        headers: this.headers(),
      }),
      'invite',
    );
    return created.token;
  }

  async setRole(
    workspaceId: string,
    userId: string,
    role: { role: 'negotiator'; partyId: string } | { role: 'facilitator' | 'observer' },
  ): Promise<void> {
    await body<unknown>(
      await this.request.patch(`${this.baseUrl}/api/workspaces/${workspaceId}/members/${userId}`, {
        data: role,
        headers: this.headers(),
      }),
      'change role',
    );
  }

  async accept(invitationToken: string): Promise<void> {
    await body<unknown>(
      await this.request.post(`${this.baseUrl}/api/invitations/${invitationToken}/accept`, {
        headers: this.headers(),
      }),
      'accept invitation',
    );
  }
}
