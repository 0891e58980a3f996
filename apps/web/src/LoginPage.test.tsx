import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { LoginPage, waitMinutes } from './LoginPage';
import { SignUpPage } from './SignUpPage';
import { apiError, fakeServer } from './testing';
import { getSession, resetSession } from './useSession';

const user = { id: 'u_1', email: 'anna@voorbeeld.nl', name: 'Anna' };

beforeEach(() => resetSession({ status: 'signed-out' }));

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });
}

async function submit(name: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
    await Promise.resolve();
  });
}

function errorOf(label: string): string | null {
  const input = screen.getByLabelText(label, { exact: true });
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids
    .map((id) => document.getElementById(id))
    .find((el) => el?.className === 'field__error');
  return error?.textContent ?? null;
}

describe('LoginPage', () => {
  it('asks for both fields, ties the messages to them and focuses the first', async () => {
    const requests = fakeServer(() => ({ status: 500 }));
    render(<LoginPage />);
    await submit('Inloggen');
    expect(errorOf('E-mailadres')).toBe('Vul dit in.');
    expect(errorOf('Wachtwoord')).toBe('Vul dit in.');
    expect(screen.getByLabelText('E-mailadres').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('E-mailadres'));
    expect(requests).toHaveLength(0);
  });

  it('says so when the e-mail address or password is wrong', async () => {
    fakeServer(() => apiError(401, 'unauthenticated'));
    render(<LoginPage />);
    fill('E-mailadres', 'anna@voorbeeld.nl');
    fill('Wachtwoord', 'verkeerd');
    await submit('Inloggen');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Het e-mailadres of het wachtwoord klopt niet. Probeer het opnieuw.',
    );
  });

  it('explains throttling with the wait from Retry-After', async () => {
    fakeServer(() => apiError(429, 'rate_limited', undefined, { 'Retry-After': '601' }));
    render(<LoginPage />);
    fill('E-mailadres', 'anna@voorbeeld.nl');
    fill('Wachtwoord', 'geheim-geheim');
    await submit('Inloggen');
    expect((await screen.findByRole('alert')).textContent).toContain('Wacht 11 minuten');
  });

  it('logs in and goes where the person was heading', async () => {
    window.history.replaceState(null, '', '/login?next=%2Finvite%2Fabc');
    const requests = fakeServer(() => ({ status: 200, body: { user, token: 't' } }));
    render(<LoginPage />);
    fill('E-mailadres', ' Anna@Voorbeeld.nl ');
    fill('Wachtwoord', 'geheim-geheim');
    await submit('Inloggen');
    await waitFor(() => expect(getSession().status).toBe('signed-in'));
    expect(requests[0]?.body).toEqual({ email: 'anna@voorbeeld.nl', password: 'geheim-geheim' });
    expect(getSession()).toEqual({ status: 'signed-in', user });
    expect(window.location.pathname).toBe('/invite/abc');
    expect((window.history.state as { afterSignIn?: boolean }).afterSignIn).toBe(true);
  });

  it('never sends people to another site after logging in', async () => {
    window.history.replaceState(null, '', '/login?next=https%3A%2F%2Fevil.example');
    fakeServer(() => ({ status: 200, body: { user, token: 't' } }));
    render(<LoginPage />);
    fill('E-mailadres', 'anna@voorbeeld.nl');
    fill('Wachtwoord', 'geheim-geheim');
    await submit('Inloggen');
    await waitFor(() => expect(getSession().status).toBe('signed-in'));
    expect(window.location.href).toBe(`${window.location.origin}/`);
  });

  it('rounds waiting time up to whole minutes', () => {
    expect(waitMinutes(1)).toBe(1);
    expect(waitMinutes(61)).toBe(2);
    expect(waitMinutes(null)).toBe(1);
  });
});

describe('SignUpPage', () => {
  it('checks the fields as the server does before sending anything', async () => {
    const requests = fakeServer(() => ({ status: 500 }));
    render(<SignUpPage />);
    fill('E-mailadres', 'anna');
    fill('Wachtwoord', 'kort');
    await submit('Account aanmaken');
    expect(errorOf('Uw naam')).toBe('Vul dit in.');
    expect(errorOf('E-mailadres')).toContain('Dit is geen goed e-mailadres.');
    expect(errorOf('Wachtwoord')).toBe('Dit is te kort. Gebruik minstens 10 tekens.');
    expect(document.activeElement).toBe(screen.getByLabelText('Uw naam'));
    expect(requests).toHaveLength(0);
  });

  it('shows the server’s field errors at the fields, e.g. an address already in use', async () => {
    fakeServer(() => apiError(409, 'conflict'));
    render(<SignUpPage />);
    fill('Uw naam', 'Anna');
    fill('E-mailadres', 'anna@voorbeeld.nl');
    fill('Wachtwoord', 'lang-genoeg-wachtwoord');
    await submit('Account aanmaken');
    await screen.findByText(/Er is al een account met dit e-mailadres/);
    expect(errorOf('E-mailadres')).toContain('Er is al een account met dit e-mailadres');
    expect(document.activeElement).toBe(screen.getByLabelText('E-mailadres'));
  });

  it('maps details.fields of a validation error to the fields', async () => {
    fakeServer(() => apiError(400, 'validation_failed', { fields: { name: 'Too long' } }));
    render(<SignUpPage />);
    fill('Uw naam', 'Anna');
    fill('E-mailadres', 'anna@voorbeeld.nl');
    fill('Wachtwoord', 'lang-genoeg-wachtwoord');
    await submit('Account aanmaken');
    await screen.findByText('Dit klopt niet. Kijk nog eens wat u heeft ingevuld.');
    expect(errorOf('Uw naam')).toBe('Dit klopt niet. Kijk nog eens wat u heeft ingevuld.');
  });
});
