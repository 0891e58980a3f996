import { useId, type Ref, type TextareaHTMLAttributes } from 'react';

type ReasonFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  ref?: Ref<HTMLTextAreaElement>;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
};

/**
 * A labelled textarea with the markup of TextField (which has no multi-line variant): the
 * error before the hint, both tied to the control with aria-describedby.
 */
export function ReasonField({ label, hint, error, ...textarea }: ReasonFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [error !== undefined ? errorId : null, hint !== undefined ? hintId : null]
      .filter((part) => part !== null)
      .join(' ') || undefined;
  return (
    <div className="field consent-reason">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      <textarea
        id={id}
        rows={3}
        {...textarea}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
