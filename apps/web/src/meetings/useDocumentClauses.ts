import { useLoader } from '../useLoader';
import { meetingsApi } from './meetingsApi';

/** Clauses of one document for the agenda's clause picker (none without a document). */
export function useDocumentClauses(workspaceId: string, documentId: string) {
  return useLoader(`clauses:${workspaceId}:${documentId}`, () =>
    documentId === '' ? Promise.resolve([]) : meetingsApi.documentClauses(workspaceId, documentId),
  );
}
