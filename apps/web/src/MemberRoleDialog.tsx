import { UpdateMemberBody, type MemberDto, type Role, type WorkspaceDto } from '@akkoord/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './apiClient';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './TextField';
import { FormActions } from './FormActions';

/** Role and party in one choice: a negotiator always speaks for exactly one party. */
export function encodePosition(role: Role, partyId: string | null): string {
  return role === 'negotiator' ? `negotiator:${partyId ?? ''}` : role;
}

export function decodePosition(value: string): { role: Role; partyId?: string } {
  if (value.startsWith('negotiator:')) return { role: 'negotiator', partyId: value.slice(11) };
  return { role: value === 'facilitator' ? 'facilitator' : 'observer' };
}

interface MemberRoleDialogProps {
  workspace: WorkspaceDto;
  member: MemberDto;
  onClose: () => void;
  onSaved: () => void;
}

export function MemberRoleDialog({ workspace, member, onClose, onSaved }: MemberRoleDialogProps) {
  const { t } = useTranslation();
  const [position, setPosition] = useState(encodePosition(member.role, member.partyId));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const body = UpdateMemberBody.safeParse(decodePosition(position));
    if (!body.success) return; // every option of the list is valid; nothing to explain
    setBusy(true);
    setFailure(null);
    try {
      await api.updateMember(workspace.id, member.userId, body.data);
      onSaved();
    } catch (error) {
      setBusy(false);
      setFailure(error);
    }
  };

  return (
    <Dialog title={t('members.roleTitle', { name: member.name })} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)}>
        {failure !== null && (
          <ErrorNotice error={failure} texts={{ conflict: t('members.lastFacilitator') }} />
        )}
        <SelectField
          label={t('members.roleLabel')}
          hint={t('members.roleHint')}
          value={position}
          onChange={(event) => setPosition(event.target.value)}
          data-autofocus
        >
          <option value="facilitator">{t('role.facilitator')}</option>
          {workspace.parties.map((party) => (
            <option key={party.id} value={encodePosition('negotiator', party.id)}>
              {t('role.negotiatorFor', { party: party.name })}
            </option>
          ))}
          <option value="observer">{t('role.observer')}</option>
        </SelectField>
        <FormActions submitLabel={t('members.saveRole')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
