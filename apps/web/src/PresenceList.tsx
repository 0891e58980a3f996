import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import { textColorOn } from './colorContrast';
import { usePresence } from './usePresence';

function initial(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}

export function PresenceList({ awareness }: { awareness: Awareness }) {
  const { t } = useTranslation();
  const headingId = useId();
  const participants = usePresence(awareness);
  return (
    <section className="presence" aria-labelledby={headingId}>
      <h2 id={headingId} className="presence__heading">
        {t('presence.heading')}
      </h2>
      <ul className="presence__list">
        {participants.map((participant) => (
          <li key={participant.clientId} className="presence__person">
            <span
              className="presence__avatar"
              style={{ backgroundColor: participant.color, color: textColorOn(participant.color) }}
              aria-hidden="true"
            >
              {initial(participant.name)}
            </span>
            <span className="presence__name">
              {participant.isSelf
                ? t('presence.you', { name: participant.name })
                : participant.name}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
