import { LoginBody } from '@akkoord/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from './apiClient';
import { AuthPageLayout } from './AuthPageLayout';
import { ErrorNotice } from './ErrorNotice';
import { fieldErrorsFromApi, problemText, validate, type FieldErrors } from './fieldErrors';
import { Link } from './Link';
import { PasswordField } from './PasswordField';
import { paths, withNext } from './router';
import { TextField } from './TextField';
import { useAuthDestination } from './useAuthDestination';
import { useFormErrors } from './useFormErrors';
import { signedIn } from './useSession';

type FormProblem =
  | { kind: 'credentials' }
  | { kind: 'throttled'; minutes: number }
  | { kind: 'other'; error: unknown };

/** Minutes to wait, rounded up: "try again in 0 minutes" would only confuse. */
export function waitMinutes(seconds: number | null): number {
  return Math.max(1, Math.ceil((seconds ?? 60) / 60));
}

export function LoginPage() {
  const { t } = useTranslation();
  const next = useAuthDestination();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { errors, show, formRef } = useFormErrors();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    const checked = validate(LoginBody, { email, password });
    // LoginBody accepts empty strings (the server answers 401); asking first is kinder.
    const missing: FieldErrors = {
      ...(email.trim() === '' ? { email: { kind: 'required' } } : {}),
      ...(password === '' ? { password: { kind: 'required' } } : {}),
    };
    const errorsFound = { ...missing, ...(checked.ok ? {} : checked.errors) };
    show(errorsFound);
    if (!checked.ok || Object.keys(missing).length > 0) return;

    setBusy(true);
    try {
      const { user } = await api.login(checked.data);
      signedIn(user, next);
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'unauthenticated')) setProblem({ kind: 'credentials' });
      else if (isApiError(error, 'rate_limited'))
        setProblem({ kind: 'throttled', minutes: waitMinutes(error.retryAfterSeconds) });
      else if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setProblem({ kind: 'other', error });
    }
  };

  return (
    <AuthPageLayout heading={t('login.heading')} intro={t('login.intro')} next={next}>
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
        {problem?.kind === 'credentials' && (
          <p className="notice notice--error" role="alert">
            {t('login.badCredentials')}
          </p>
        )}
        {problem?.kind === 'throttled' && (
          <p className="notice notice--error" role="alert">
            {t('login.throttled', { count: problem.minutes })}
          </p>
        )}
        {problem?.kind === 'other' && <ErrorNotice error={problem.error} />}
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={problemText(t, errors['email'])}
          required
        />
        <PasswordField
          label={t('auth.password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={problemText(t, errors['password'])}
          required
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <p className="card__footer">
        {t('login.noAccount')}{' '}
        <Link href={withNext(paths.signup, next)}>{t('login.toSignUp')}</Link>
      </p>
    </AuthPageLayout>
  );
}
