import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './clients';

export interface SinkMail {
  /** Envelope recipients. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  messages: SinkMail[];
  /** While true, every message is refused with 451 (a temporary failure). */
  refuse: boolean;
  /** Resolves once at least `n` messages arrived. */
  waitForCount(n: number, timeoutMs?: number): Promise<SinkMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on the loopback interface that keeps every message it is given, parsed.
 * Plain SMTP without STARTTLS or AUTH, like a local development relay.
 */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: SinkMail[] = [];
  const sink: SmtpSink = {
    port: 0,
    url: '',
    messages,
    refuse: false,
    async waitForCount(n, timeoutMs = 10_000) {
      await waitFor(() => messages.length >= n, timeoutMs, `${n} mail(s) in the SMTP sink`);
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (sink.refuse) {
          const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              raw: raw.toString('utf8'),
            });
            callback();
          },
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}

/** A loopback port that nothing listens on (taken from the OS, then freed). */
export async function deadPort(): Promise<number> {
  const sink = await startSmtpSink();
  const { port } = sink;
  await sink.close();
  return port;
}
