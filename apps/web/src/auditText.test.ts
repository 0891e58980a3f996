import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from './apiClient';
import { describeAuditEntry } from './auditText';
import { sampleWorkspace } from './fixtures';
import './testing';

const t = i18n.getFixedT('nl');
const workspace = sampleWorkspace();
const entry = (action: string, details: unknown, actorId = 'u_anna'): AuditEntryDto => ({
  id: 1,
  actorId,
  actorName: 'Anna de Vries',
  action,
  details,
  at: 0,
});

describe('describeAuditEntry', () => {
  it('says what happened in plain words, with names and parties', () => {
    expect(
      describeAuditEntry(
        t,
        workspace,
        entry('invitation.created', { role: 'negotiator', partyId: 'p_gem' }),
      ),
    ).toBe('Uitnodiging gemaakt voor: Onderhandelaar voor Gemeente');
    expect(
      describeAuditEntry(
        t,
        workspace,
        entry('member.role_changed', { userId: 'u_bram', to: { role: 'observer', partyId: null } }),
      ),
    ).toBe('Rol van Bram Bakker gewijzigd in: Waarnemer');
    expect(describeAuditEntry(t, workspace, entry('workspace.updated', { title: 'Nieuw' }))).toBe(
      'Gegevens gewijzigd (naam: Nieuw)',
    );
  });

  it('copes with people who left, self-removal, odd details and unknown actions', () => {
    expect(describeAuditEntry(t, workspace, entry('member.removed', { userId: 'u_gone' }))).toBe(
      'Verwijderd uit de onderhandeling: een oud-deelnemer',
    );
    expect(
      describeAuditEntry(t, workspace, entry('member.removed', { userId: 'u_bram' }, 'u_bram')),
    ).toBe('Heeft de onderhandeling verlaten');
    expect(describeAuditEntry(t, workspace, entry('member.joined', null))).toBe(
      'Doet mee als: onbekende rol',
    );
    expect(describeAuditEntry(t, workspace, entry('something.new', {}))).toBe('something.new');
  });
});
