import type { AgendaItemInput, DocumentDto } from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import type { AgendaItemRecord } from './MeetingStore';

/**
 * Agenda items as stored, from the planner's input. An item may point at a shared document of
 * the workspace (never a party's notes: everyone follows the agenda); its clause is not checked,
 * because clauses come and go while a meeting is being planned.
 */
export function agendaRecords(
  docs: readonly DocumentDto[],
  meetingId: string,
  input: readonly AgendaItemInput[],
): AgendaItemRecord[] {
  const fields: Record<string, string> = {};
  input.forEach((it, i) => {
    const doc = it.documentId === undefined ? null : docs.find((x) => x.id === it.documentId);
    if (doc === undefined || doc?.kind === 'party-notes')
      fields[`items.${i}.documentId`] = 'not a shared document of this workspace';
    if (it.clauseId !== undefined && it.documentId === undefined)
      fields[`items.${i}.clauseId`] = 'a clause needs its document';
  });
  if (Object.keys(fields).length > 0)
    throw new AppError('validation_failed', 'Some fields are missing or invalid', { fields });
  return input.map((it) => ({
    id: newId('ai'),
    meetingId,
    title: it.title,
    documentId: it.documentId ?? null,
    clauseId: it.clauseId ?? null,
    theme: it.theme ?? null,
    timeboxMinutes: it.timeboxMinutes,
    spentMs: 0,
    runningSince: null,
  }));
}
