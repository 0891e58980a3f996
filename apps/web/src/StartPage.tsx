import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { loadOpenDocument } from './loadOpenDocument';
import { isValidRoomName } from './roomName';
import { documentPath, navigate } from './router';
import { usePageTitle } from './usePageTitle';
import { maxNameLength, normalizeName, saveUserName, useUserIdentity } from './userIdentity';

interface StartPageProps {
  /** Set when someone followed a document link but we do not know their name yet. */
  joiningRoom?: string;
}

interface FieldErrors {
  room: boolean;
  name: boolean;
}

export function StartPage({ joiningRoom }: StartPageProps) {
  const { t } = useTranslation();
  const user = useUserIdentity();
  const [room, setRoom] = useState(joiningRoom ?? '');
  const [name, setName] = useState(user.name);
  const [errors, setErrors] = useState<FieldErrors>({ room: false, name: false });
  const roomInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const ids = {
    heading: `${id}-heading`,
    room: `${id}-room`,
    roomHint: `${id}-room-hint`,
    roomError: `${id}-room-error`,
    name: `${id}-name`,
    nameHint: `${id}-name-hint`,
    nameError: `${id}-name-error`,
  };
  const joining = joiningRoom !== undefined;
  usePageTitle(joining ? t('start.joinHeading') : t('start.pageTitle'));
  useEffect(() => {
    // Warm up the editor code while the user fills in the form. A failure is not fatal here:
    // opening the document retries the import.
    loadOpenDocument().catch(() => undefined);
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const trimmedRoom = room.trim();
    const next = { room: !isValidRoomName(trimmedRoom), name: normalizeName(name) === '' };
    setErrors(next);
    // Send keyboard and screen reader users straight to the first thing to fix.
    if (next.room) return roomInput.current?.focus();
    if (next.name) return nameInput.current?.focus();
    saveUserName(name);
    navigate(documentPath(trimmedRoom));
  };

  return (
    <AppShell mainClassName="start">
      <section className="card" aria-labelledby={ids.heading}>
        <h1 id={ids.heading}>{joining ? t('start.joinHeading') : t('start.heading')}</h1>
        <p className="lead">
          {joining ? t('start.joinIntro', { room: joiningRoom }) : t('start.intro')}
        </p>
        <form onSubmit={submit} noValidate className="form">
          {!joining && (
            <div className="field">
              <label htmlFor={ids.room}>{t('start.roomLabel')}</label>
              <p id={ids.roomHint} className="field__hint">
                {t('start.roomHint')}
              </p>
              {errors.room && (
                <p id={ids.roomError} className="field__error">
                  {t('start.roomInvalid')}
                </p>
              )}
              <input
                ref={roomInput}
                id={ids.room}
                name="room"
                type="text"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={room}
                onChange={(event) => setRoom(event.target.value)}
                aria-invalid={errors.room}
                aria-describedby={errors.room ? `${ids.roomError} ${ids.roomHint}` : ids.roomHint}
                required
              />
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.name}>{t('start.nameLabel')}</label>
            <p id={ids.nameHint} className="field__hint">
              {t('start.nameHint')}
            </p>
            {errors.name && (
              <p id={ids.nameError} className="field__error">
                {t('start.nameInvalid')}
              </p>
            )}
            <input
              ref={nameInput}
              id={ids.name}
              name="name"
              type="text"
              autoComplete="name"
              maxLength={maxNameLength}
              value={name}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={errors.name}
              aria-describedby={errors.name ? `${ids.nameError} ${ids.nameHint}` : ids.nameHint}
              required
            />
          </div>
          <button type="submit" className="button button--primary">
            {t('start.submit')}
          </button>
        </form>
      </section>
    </AppShell>
  );
}
