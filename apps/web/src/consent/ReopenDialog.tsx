import { useTranslation } from 'react-i18next';
import { consentApi } from './consentApi';
import { ReasonDialog } from './ReasonDialog';

/** The facilitator reopens a locked clause (LOCK-3): status `reopened`, editable, logged. */
export function ReopenDialog({
  workspaceId,
  documentId,
  clauseId,
  number,
  onReopened,
  onClose,
}: {
  workspaceId: string;
  documentId: string;
  clauseId: string;
  number: string;
  onReopened: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      title={t('consent.reopen.title', { number })}
      intro={t('consent.reopen.intro')}
      label={t('consent.reopen.reason')}
      confirmLabel={t('consent.reopen.confirm')}
      requiredText={t('consent.reopen.reasonRequired')}
      onConfirm={async (reason) => {
        await consentApi.reopen(workspaceId, documentId, clauseId, reason);
        onReopened();
      }}
      onClose={onClose}
    />
  );
}
