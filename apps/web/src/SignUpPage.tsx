import { RegisterBody } from '@akkoord/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from './apiClient';
import { AuthPageLayout } from './AuthPageLayout';
import { ErrorNotice } from './ErrorNotice';
import { fieldErrorsFromApi, problemText, validate } from './fieldErrors';
import { Link } from './Link';
import { PasswordField } from './PasswordField';
import { paths, withNext } from './router';
import { TextField } from './TextField';
import { useAuthDestination } from './useAuthDestination';
import { useFormErrors } from './useFormErrors';
import { signedIn } from './useSession';

export function SignUpPage() {
  const { t } = useTranslation();
  const next = useAuthDestination();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, formRef } = useFormErrors();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    const checked = validate(RegisterBody, { name, email, password });
    show(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;

    setBusy(true);
    try {
      const { user } = await api.register(checked.data);
      signedIn(user, next);
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'conflict')) show({ email: { kind: 'emailTaken' } });
      else if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    }
  };

  return (
    <AuthPageLayout heading={t('signUp.heading')} intro={t('signUp.intro')} next={next}>
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
        {failure !== null && <ErrorNotice error={failure} />}
        <TextField
          label={t('signUp.name')}
          hint={t('signUp.nameHint')}
          name="name"
          autoComplete="name"
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={problemText(t, errors['name'])}
          required
        />
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={problemText(t, errors['email'])}
          required
        />
        <PasswordField
          label={t('auth.password')}
          hint={t('signUp.passwordHint')}
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={problemText(t, errors['password'])}
          required
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('signUp.busy') : t('signUp.submit')}
        </button>
      </form>
      <p className="card__footer">
        {t('signUp.haveAccount')}{' '}
        <Link href={withNext(paths.login, next)}>{t('signUp.toLogin')}</Link>
      </p>
    </AuthPageLayout>
  );
}
