import type { DocumentKind, ProcessGateDto, Role } from '@akkoord/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consentApi } from './consentApi';
import { ReasonDialog } from './ReasonDialog';

/** A process-first gate that is still closed, in front of the agreement. */
function gateClosedBefore(gate: ProcessGateDto | null, kind: DocumentKind | null): boolean {
  return gate !== null && gate.processFirst && !gate.open && kind === 'agreement';
}

/**
 * Whether the process gate keeps this document read-only for this role (GATE-1): only the
 * agreement, only in a process-first workspace, only for negotiators, only while closed.
 * Observers are read-only anyway; the facilitator can always write.
 */
export function gateKeepsReadOnly(
  gate: ProcessGateDto | null,
  kind: DocumentKind | null,
  role: Role | null,
): boolean {
  return gateClosedBefore(gate, kind) && role === 'negotiator';
}

/** Whether the banner shows at all: for negotiators (read-only) and the facilitator (override). */
export function gateBannerVisible(
  gate: ProcessGateDto | null,
  kind: DocumentKind | null,
  role: Role | null,
): boolean {
  return gateClosedBefore(gate, kind) && (role === 'negotiator' || role === 'facilitator');
}

/**
 * Above the agreement while the process gate is closed: negotiators read why they cannot
 * write yet; the facilitator can open it anyway, with a reason that goes into the log.
 */
export function GateBanner({
  workspaceId,
  gate,
  kind,
  role,
  onChanged,
}: {
  workspaceId: string;
  gate: ProcessGateDto | null;
  kind: DocumentKind | null;
  role: Role | null;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState(false);
  if (!gateBannerVisible(gate, kind, role)) return null;
  const facilitator = role === 'facilitator';
  return (
    <div className="gate-banner" role="note" aria-label={t('consent.gate.label')}>
      {facilitator ? (
        <p className="gate-banner__text">{t('consent.gate.facilitator')}</p>
      ) : (
        <>
          <p className="gate-banner__text">
            <strong>{t('consent.gate.negotiator')}</strong>
          </p>
          <p>{t('consent.gate.negotiatorHelp')}</p>
        </>
      )}
      {facilitator && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setDialog(true)}
        >
          {t('consent.gate.override')}
        </button>
      )}
      {dialog && (
        <ReasonDialog
          title={t('consent.gate.overrideTitle')}
          intro={t('consent.gate.overrideIntro')}
          label={t('consent.gate.overrideReason')}
          confirmLabel={t('consent.gate.overrideConfirm')}
          requiredText={t('consent.gate.reasonRequired')}
          onConfirm={async (reason) => {
            await consentApi.overrideGate(workspaceId, reason);
            setDialog(false);
            onChanged();
          }}
          onClose={() => setDialog(false)}
        />
      )}
    </div>
  );
}
