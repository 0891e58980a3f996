import { createTransport } from 'nodemailer';

export interface MailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
}

/** The one thing notifications need from e-mail. Rejects when the message was not accepted. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Sends through an SMTP server (`smtp://host:port`, `smtps://user:pass@host:465`; nodemailer's
 * URL options apply). Short timeouts: an unreachable server fails a run quickly, and the next
 * run retries, instead of hanging for nodemailer's default two minutes.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(
    { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    { from },
  );
  return {
    async send(m) {
      await transport.sendMail({
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
      });
    },
    close: () => transport.close(),
  };
}
