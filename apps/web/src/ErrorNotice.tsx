import { useTranslation } from 'react-i18next';
import { isApiError, type ApiErrorCode } from './apiClient';

const textKey = {
  network: 'apiError.network',
  forbidden: 'apiError.forbidden',
  not_found: 'apiError.notFound',
  unauthenticated: 'apiError.unauthenticated',
  conflict: 'apiError.conflict',
  validation_failed: 'apiError.invalid',
  bad_request: 'apiError.invalid',
  payload_too_large: 'apiError.invalid',
  rate_limited: 'apiError.rateLimited',
  internal: 'apiError.other',
  unavailable: 'apiError.other',
} as const satisfies Record<ApiErrorCode, string>;

/**
 * A failed request in plain words, announced by screen readers (role="alert"). The server's
 * own message is English and technical; people get one of a few clear sentences instead, or a
 * more precise one the page knows for its situation (`texts`).
 */
export function ErrorNotice({
  error,
  texts = {},
}: {
  error: unknown;
  texts?: Partial<Record<ApiErrorCode, string>>;
}) {
  const { t } = useTranslation();
  const code: ApiErrorCode = isApiError(error) ? error.code : 'internal';
  return (
    <p className="notice notice--error" role="alert">
      {texts[code] ?? t(textKey[code])}
    </p>
  );
}
