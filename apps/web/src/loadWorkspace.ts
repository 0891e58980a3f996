import type { WorkspaceDto } from '@akkoord/domain';
import { api, isApiError } from './apiClient';

/** The last copy of each workspace this page loaded, for when the server is out of reach. */
const lastKnown = new Map<string, WorkspaceDto>();

/**
 * Loads a workspace. When the server cannot be reached, the copy loaded earlier in this tab is
 * used instead: someone who leaves a document while offline and comes back must find the
 * editor (with its local copy) again, not an error page. Every other error is final.
 */
export async function loadWorkspace(id: string): Promise<WorkspaceDto> {
  try {
    const { workspace } = await api.getWorkspace(id);
    lastKnown.set(id, workspace);
    return workspace;
  } catch (error) {
    const known = lastKnown.get(id);
    if (isApiError(error, 'network') && known !== undefined) return known;
    if (isApiError(error, 'not_found')) lastKnown.delete(id);
    throw error;
  }
}

/** At logout: the next person at this computer must not see what the last one could. */
export function forgetWorkspaces(): void {
  lastKnown.clear();
}
