import type { WorkspaceDto } from '@akkoord/domain';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type InvitationSummaryDto } from './apiClient';
import { ErrorNotice } from './ErrorNotice';
import { useFormatDate } from './formatDate';
import { partyOf } from './membership';
import { RoleText } from './RoleText';

/** Links that can still be used: not revoked, not expired, not used up. */
export function openInvitations(
  invitations: InvitationSummaryDto[],
  now: number,
): InvitationSummaryDto[] {
  return invitations
    .filter((i) => !i.revoked && i.expiresAt > now && i.uses < i.maxUses)
    .sort((a, b) => a.expiresAt - b.expiresAt);
}

interface InvitationListProps {
  workspace: WorkspaceDto;
  invitations: InvitationSummaryDto[];
  onChanged: (announcement: string) => void;
}

/** The facilitator's open invitation links, each of which can be revoked. */
export function InvitationList({ workspace, invitations, onChanged }: InvitationListProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  // Date.now() in render would make the list impure; the time the data arrived is enough.
  const [now] = useState(() => Date.now());
  const open = openInvitations(invitations, now);

  const revoke = async (invitation: InvitationSummaryDto): Promise<void> => {
    setBusyId(invitation.id);
    setFailure(null);
    try {
      await api.revokeInvitation(workspace.id, invitation.id);
      // The button disappears with its row; keep focus in this section.
      headingRef.current?.focus();
      onChanged(t('invitations.revoked'));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('invitations.heading')}
      </h2>
      {failure !== null && <ErrorNotice error={failure} />}
      {open.length === 0 ? (
        <p className="section__intro">{t('invitations.none')}</p>
      ) : (
        <ul className="invitation-list">
          {open.map((invitation) => {
            const party = partyOf(workspace, invitation.partyId);
            return (
              <li key={invitation.id} className="invitation">
                <span className="invitation__text">
                  <span className="invitation__role">
                    <RoleText role={invitation.role} party={party} />
                  </span>
                  <span className="invitation__meta">
                    {t('invitations.until', { date: formatDate(invitation.expiresAt) })}
                    {' · '}
                    {t('invitations.uses', { uses: invitation.uses, count: invitation.maxUses })}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--danger-quiet button--small"
                  disabled={busyId === invitation.id}
                  // The visible word plus which link: "Intrekken: Onderhandelaar voor Gemeente".
                  aria-label={`${t('invitations.revoke')}: ${
                    party === null
                      ? t(`role.${invitation.role}`)
                      : t('role.negotiatorFor', { party: party.name })
                  }`}
                  onClick={() => void revoke(invitation)}
                >
                  {t('invitations.revoke')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
