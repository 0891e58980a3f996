import type { PartyDto } from '@akkoord/domain';
import { useTranslation } from 'react-i18next';

/**
 * The parties as <option>s; an id that is no longer a party (removed, or from a concurrent
 * edit) still gets an option, so the select shows the truth instead of silently another party.
 */
export function PartyOptions({
  parties,
  current,
}: {
  parties: readonly PartyDto[];
  current: string | null;
}) {
  const { t } = useTranslation();
  const unknown = current !== null && current !== '' && !parties.some((p) => p.id === current);
  return (
    <>
      {parties.map((party) => (
        <option key={party.id} value={party.id}>
          {party.name}
        </option>
      ))}
      {unknown && <option value={current}>{t('clauses.panel.unknownParty')}</option>}
    </>
  );
}
