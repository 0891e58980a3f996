import type { PartyDto, Role } from '@akkoord/domain';
import { useTranslation } from 'react-i18next';
import { PartySwatch } from './PartySwatch';

/** "Onderhandelaar voor Gemeente", with the party's colour; or just the role. */
export function RoleText({ role, party }: { role: Role; party: PartyDto | null }) {
  const { t } = useTranslation();
  if (role === 'negotiator' && party !== null) {
    return (
      <span className="role-text">
        <PartySwatch color={party.color} />
        {t('role.negotiatorFor', { party: party.name })}
      </span>
    );
  }
  return <span className="role-text">{t(`role.${role}`)}</span>;
}
