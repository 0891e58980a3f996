import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config: notification e-mail', () => {
  it('is off without SMTP_URL, with a digest at 08:00 Amsterdam time', () => {
    const c = loadConfig({});
    expect(c.mail).toEqual({
      smtpUrl: undefined,
      from: 'Akkoord <akkoord@localhost>',
      digestHour: 8,
      timeZone: 'Europe/Amsterdam',
      intervalMs: 60_000,
      publicUrl: 'http://127.0.0.1:8080',
    });
    expect(loadConfig({ SMTP_URL: '' }).mail.smtpUrl).toBeUndefined();
  });

  it('reads SMTP_URL, MAIL_FROM, DIGEST_HOUR, DIGEST_TIMEZONE and links to PUBLIC_URL', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'Akkoord <noreply@akkoord.example>',
      DIGEST_HOUR: '17',
      DIGEST_TIMEZONE: 'UTC',
      PUBLIC_URL: 'https://akkoord.example/',
    });
    expect(c.mail).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'Akkoord <noreply@akkoord.example>',
      digestHour: 17,
      timeZone: 'UTC',
      publicUrl: 'https://akkoord.example',
    });
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR/);
    expect(() => loadConfig({ DIGEST_HOUR: '-1' })).toThrow(/DIGEST_HOUR/);
    expect(() => loadConfig({ DIGEST_TIMEZONE: 'Mars/Olympus' })).toThrow(/DIGEST_TIMEZONE/);
  });
});
