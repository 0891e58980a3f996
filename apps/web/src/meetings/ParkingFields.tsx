import { ParkingScope, THEMES } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText, type FieldErrors } from '../fieldErrors';
import { currentLanguage } from '../i18n/setupI18n';
import { SelectField, TextField } from '../TextField';

/** A parking-lot topic as its form holds it; `theme` is '' for none. */
export interface ParkingDraft {
  title: string;
  note: string;
  scope: ParkingScope;
  theme: string;
}

export const emptyParkingDraft: ParkingDraft = { title: '', note: '', scope: 'unclear', theme: '' };

interface ParkingFieldsProps {
  value: ParkingDraft;
  onChange: (next: ParkingDraft) => void;
  errors: FieldErrors;
  /** In a dialog the title field takes focus when it opens. */
  autoFocusTitle?: boolean;
}

/**
 * Topic, note, scope tag and theme of a parking-lot item: the same fields when parking a topic
 * and when its creator or the facilitator edits it.
 */
export function ParkingFields({
  value,
  onChange,
  errors,
  autoFocusTitle = false,
}: ParkingFieldsProps) {
  const { t } = useTranslation();
  const noteId = useId();
  const lang = currentLanguage();
  const noteError = problemText(t, errors.note);
  return (
    <>
      <TextField
        label={t('meetings.parking.title')}
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.target.value })}
        error={problemText(t, errors.title)}
        maxLength={200}
        {...(autoFocusTitle ? { 'data-autofocus': true } : {})}
      />
      <div className="field">
        <label htmlFor={noteId}>{t('meetings.parking.note')}</label>
        {noteError !== undefined && (
          <p id={`${noteId}-error`} className="field__error">
            {noteError}
          </p>
        )}
        <textarea
          id={noteId}
          rows={3}
          maxLength={2000}
          value={value.note}
          onChange={(e) => onChange({ ...value, note: e.target.value })}
          aria-invalid={noteError !== undefined}
          aria-describedby={noteError === undefined ? undefined : `${noteId}-error`}
        />
      </div>
      <SelectField
        label={t('meetings.parking.scopeLabel')}
        value={value.scope}
        onChange={(e) => {
          const parsed = ParkingScope.safeParse(e.target.value);
          if (parsed.success) onChange({ ...value, scope: parsed.data });
        }}
      >
        {ParkingScope.options.map((option) => (
          <option key={option} value={option}>
            {t(`meetings.parking.scope.${option}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('meetings.parking.themeLabel')}
        value={value.theme}
        onChange={(e) => onChange({ ...value, theme: e.target.value })}
      >
        <option value="">{t('meetings.plan.noTheme')}</option>
        {THEMES.map((info) => (
          <option key={info.id} value={info.id}>
            {info.label[lang]}
          </option>
        ))}
      </SelectField>
    </>
  );
}
