import {
  CreateInvitationBody,
  CreateWorkspaceBody,
  LoginBody,
  RegisterBody,
} from '@akkoord/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from './apiClient';
import { fieldErrorsFromApi, hasErrors, problemText, validate } from './fieldErrors';
import i18n from 'i18next';
import './testing';

describe('validate with the server’s schemas', () => {
  it('explains each sign-up field in its own words', () => {
    const result = validate(RegisterBody, { email: 'anna@', password: 'kort', name: '  ' });
    expect(result).toEqual({
      ok: false,
      errors: {
        email: { kind: 'email' },
        password: { kind: 'tooShort', limit: 10 },
        name: { kind: 'required' },
      },
    });
  });

  it('returns the parsed data (trimmed, lower-cased) when all is well', () => {
    const result = validate(RegisterBody, {
      email: ' Anna@Example.NL ',
      password: 'lang genoeg wachtwoord',
      name: ' Anna ',
    });
    expect(result).toEqual({
      ok: true,
      data: { email: 'anna@example.nl', password: 'lang genoeg wachtwoord', name: 'Anna' },
    });
  });

  it('names nested fields as the server does', () => {
    const result = validate(CreateWorkspaceBody, {
      title: 'x'.repeat(201),
      parties: [
        { name: 'Gemeente', kind: 'municipality' },
        { name: '', kind: 'tenants' },
      ],
    });
    expect(result.ok ? {} : result.errors).toEqual({
      title: { kind: 'tooLong', limit: 200 },
      'parties.1.name': { kind: 'required' },
    });
  });

  it('explains numbers and refuses unpaired surrogates', () => {
    const invite = (maxUses: number) =>
      validate(CreateInvitationBody, { role: 'observer', maxUses });
    const zero = invite(0);
    expect(zero.ok ? null : zero.errors).toEqual({
      maxUses: { kind: 'numberTooSmall', limit: 1 },
    });
    const big = invite(101);
    expect(big.ok ? null : big.errors['maxUses']).toEqual({ kind: 'numberTooBig', limit: 100 });
    const nan = invite(Number.NaN);
    expect(nan.ok ? null : nan.errors['maxUses']).toEqual({ kind: 'number' });
    const surrogate = validate(LoginBody, { email: 'a@b.nl', password: 'ab\uD800cd' });
    expect(surrogate.ok ? null : surrogate.errors['password']).toEqual({ kind: 'character' });
  });
});

describe('fieldErrorsFromApi', () => {
  it('puts the server’s field problems in our own words', () => {
    const error = new ApiError('validation_failed', 400, 'x', {
      partyId: 'no such party in this negotiation',
      title: 'Too big',
    });
    expect(fieldErrorsFromApi(error)).toEqual({
      partyId: { kind: 'partyRequired' },
      title: { kind: 'invalid' },
    });
  });
});

describe('problemText', () => {
  it('translates problems with their limits, in both languages', async () => {
    const t = i18n.getFixedT('nl');
    expect(problemText(t, { kind: 'tooShort', limit: 10 })).toBe(
      'Dit is te kort. Gebruik minstens 10 tekens.',
    );
    expect(problemText(t, undefined)).toBeUndefined();
    await i18n.loadLanguages('en');
    expect(problemText(i18n.getFixedT('en'), { kind: 'required' })).toBe('Please fill this in.');
  });

  it('hasErrors ignores empty entries', () => {
    expect(hasErrors({})).toBe(false);
    expect(hasErrors({ a: undefined })).toBe(false);
    expect(hasErrors({ a: { kind: 'required' } })).toBe(true);
  });
});
