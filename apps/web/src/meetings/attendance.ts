import { meetingsApi } from './meetingsApi';

/** Meetings this page has reported us at; the server records the first time only anyway. */
const reported = new Set<string>();

/**
 * Tells the server we are here (MEET-4), once per meeting per page load. A failure is left for
 * the next page: attendance is a record for the minutes, not something to bother people with.
 */
export function attendOnce(workspaceId: string, meetingId: string): void {
  const key = `${workspaceId}/${meetingId}`;
  if (reported.has(key)) return;
  reported.add(key);
  meetingsApi.attend(workspaceId, meetingId).catch(() => reported.delete(key));
}

/** For tests. */
export function resetAttendance(): void {
  reported.clear();
}
