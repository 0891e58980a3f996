import { useId, type Ref, type TextareaHTMLAttributes } from 'react';
import { FieldFrame } from '../TextField';

type ReasonFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  ref?: Ref<HTMLTextAreaElement>;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
};

/** A labelled textarea in TextField's frame (which has no multi-line variant of its own). */
export function ReasonField({ label, hint, error, ...textarea }: ReasonFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className="consent-reason">
      {(describedBy) => (
        <textarea
          id={id}
          rows={3}
          {...textarea}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}
