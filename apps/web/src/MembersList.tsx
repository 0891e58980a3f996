import type { MemberDto, PartyKind, WorkspaceDto } from '@akkoord/domain';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './apiClient';
import { fallbackColor, textColorOn } from './colorContrast';
import { ConfirmDialog } from './ConfirmDialog';
import { groupMembers, type MemberGroup } from './membership';
import { MemberRoleDialog } from './MemberRoleDialog';
import { PartySwatch } from './PartySwatch';

interface MembersListProps {
  workspace: WorkspaceDto;
  myUserId: string;
  /** The facilitator manages people; everyone else only sees who is at the table. */
  canManage: boolean;
  onChanged: (announcement: string) => void;
}

type Action = { kind: 'role' | 'remove'; member: MemberDto } | null;

function initial(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}

/** Everyone at the table, grouped by party in the party's colour, with their role. */
export function MembersList({ workspace, myUserId, canManage, onChanged }: MembersListProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [action, setAction] = useState<Action>(null);
  const removed = useRef(false);
  const close = (): void => setAction(null);

  return (
    <section className="section members" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('members.heading')}
      </h2>
      {groupMembers(workspace).map((group) => (
        <Group
          key={group.key}
          group={group}
          myUserId={myUserId}
          canManage={canManage}
          onAction={(next) => {
            removed.current = false;
            setAction(next);
          }}
        />
      ))}
      {action?.kind === 'role' && (
        <MemberRoleDialog
          workspace={workspace}
          member={action.member}
          onClose={close}
          onSaved={() => {
            close();
            onChanged(t('members.roleChanged', { name: action.member.name }));
          }}
        />
      )}
      {action?.kind === 'remove' && (
        <ConfirmDialog
          title={t('members.removeTitle', { name: action.member.name })}
          confirmLabel={t('members.removeConfirm')}
          onClose={close}
          // After removing, the person's row (and the button that opened this) goes away; the
          // list heading is the next best place. After "cancel", focus returns to the button.
          focusAfterClose={() => (removed.current ? headingRef.current : null)}
          onConfirm={async () => {
            await api.removeMember(workspace.id, action.member.userId);
            removed.current = true;
            close();
            onChanged(t('members.removed', { name: action.member.name }));
          }}
        >
          <p>{t('members.removeBody', { name: action.member.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The kind of party, unless its name already says so ("Gemeente · Gemeente"). */
function PartyKindText({ name, kind }: { name: string; kind: PartyKind }) {
  const { t } = useTranslation();
  const label = t(`partyKind.${kind}`);
  if (label.toLocaleLowerCase() === name.trim().toLocaleLowerCase()) return null;
  return <span className="member-group__kind">{label}</span>;
}

interface GroupProps {
  group: MemberGroup;
  myUserId: string;
  canManage: boolean;
  onAction: (action: Action) => void;
}

function Group({ group, myUserId, canManage, onAction }: GroupProps) {
  const { t } = useTranslation();
  const color = group.party?.color ?? fallbackColor;
  const title =
    group.party !== null
      ? group.party.name
      : group.role === 'facilitator'
        ? t('members.facilitators')
        : t('members.observers');
  return (
    <div className="member-group" style={{ borderLeftColor: color }}>
      <h3 className="member-group__title">
        {group.party !== null && <PartySwatch color={group.party.color} />}
        {title}
        {group.party !== null && <PartyKindText name={group.party.name} kind={group.party.kind} />}
      </h3>
      {group.members.length === 0 ? (
        <p className="member-group__empty">{t('members.nobodyYet')}</p>
      ) : (
        <ul className="member-list">
          {group.members.map((member) => {
            const self = member.userId === myUserId;
            return (
              <li key={member.userId} className="member" data-party-color={color}>
                <span
                  className="member__avatar"
                  style={{ backgroundColor: color, color: textColorOn(color) }}
                  aria-hidden="true"
                >
                  {initial(member.name)}
                </span>
                <span className="member__text">
                  <span className="member__name">
                    {self ? t('members.you', { name: member.name }) : member.name}
                  </span>
                  <span className="member__role">{t(`role.${member.role}`)}</span>
                </span>
                {canManage && !self && (
                  <span className="member__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      // The visible words plus whose: "Rol wijzigen: Bram Bakker".
                      aria-label={`${t('members.changeRole')}: ${member.name}`}
                      onClick={() => onAction({ kind: 'role', member })}
                    >
                      {t('members.changeRole')}
                    </button>
                    <button
                      type="button"
                      className="button button--danger-quiet button--small"
                      aria-label={`${t('members.remove')}: ${member.name}`}
                      onClick={() => onAction({ kind: 'remove', member })}
                    >
                      {t('members.remove')}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
