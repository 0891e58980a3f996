import { useRef, useState, type FormEvent } from 'react';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { ReasonField } from './ReasonField';
import { FormActions } from '../FormActions';

export interface ReasonDialogProps {
  title: string;
  intro: string;
  label: string;
  confirmLabel: string;
  /** Shown when the reason is left blank (the server would refuse it: it goes into the log). */
  requiredText: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A decision that needs a recorded reason (gate override, reopening a clause): the reason is
 * required here as on the server, and the dialog stays open with the server's refusal.
 */
export function ReasonDialog({
  title,
  intro,
  label,
  confirmLabel,
  requiredText,
  onConfirm,
  onClose,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setProblem(requiredText);
      field.current?.focus();
      return;
    }
    setProblem(undefined);
    setError(null);
    setBusy(true);
    try {
      await onConfirm(reason.trim());
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <p>{intro}</p>
        <ReasonField
          ref={field}
          label={label}
          error={problem}
          value={reason}
          required
          maxLength={2000}
          data-autofocus
          onChange={(e) => setReason(e.target.value)}
        />
        {error !== null && <ErrorNotice error={error} />}
        <FormActions submitLabel={confirmLabel} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
