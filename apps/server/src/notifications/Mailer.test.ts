import { afterEach, describe, expect, it } from 'vitest';
import { deadPort, startSmtpSink, type SmtpSink } from '../../test/helpers/smtpSink';
import { smtpMailer } from './Mailer';

const sinks: SmtpSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

describe('smtpMailer', () => {
  it('delivers to a real SMTP server: envelope, sender, subject, text and HTML', async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const mailer = smtpMailer(sink.url, 'Akkoord <akkoord@test.example>');
    await mailer.send({
      to: { name: 'Bert Jansen', address: 'bert@example.nl' },
      subject: 'Anna noemde je in Prestatieafspraken — één',
      text: 'Hallo Bert',
      html: '<p>Hallo Bert</p>',
    });
    mailer.close();
    const [m] = await sink.waitForCount(1);
    expect(m).toMatchObject({
      to: ['bert@example.nl'],
      from: 'akkoord@test.example',
      subject: 'Anna noemde je in Prestatieafspraken — één',
      text: 'Hallo Bert',
      html: '<p>Hallo Bert</p>',
    });
  });

  it('NOTE-12 rejects (never hangs) when the server is unreachable or refuses the message', async () => {
    const down = smtpMailer(`smtp://127.0.0.1:${await deadPort()}`, 'a@test.example');
    await expect(
      down.send({ to: { name: 'x', address: 'x@example.nl' }, subject: 's', text: 't', html: 'h' }),
    ).rejects.toThrow();
    const sink = await startSmtpSink();
    sinks.push(sink);
    sink.refuse = true;
    const refused = smtpMailer(sink.url, 'a@test.example');
    await expect(
      refused.send({
        to: { name: 'x', address: 'x@example.nl' },
        subject: 's',
        text: 't',
        html: 'h',
      }),
    ).rejects.toThrow(/451/);
    expect(sink.messages).toHaveLength(0);
  });
});
