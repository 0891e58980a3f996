import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  focusAfterClose?: () => HTMLElement | null;
}

/** Asks before something that cannot be undone with one click, such as removing a person. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  focusAfterClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose} {...(focusAfterClose ? { focusAfterClose } : {})}>
      {children}
      {error !== null && <ErrorNotice error={error} />}
      <div className="button-row">
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose} data-autofocus>
          {t('dialog.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
