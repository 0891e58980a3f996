import type { NotificationKind } from './Notifier';
import { oneLine } from './excerpt';

/**
 * Every word of notification e-mail, in one place. Dutch is the default; English is here for
 * when users can choose a language (they cannot yet). Plain language (B1), short sentences.
 */
export type MailLanguage = 'nl' | 'en';

export interface MailItem {
  kind: NotificationKind;
  actorName: string;
  workspaceTitle: string;
  documentTitle: string;
  /** Plain text; escaped here for the HTML part. */
  excerpt: string;
  /** Absolute link to the permalink. */
  url: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

interface Strings {
  what(kind: NotificationKind, actor: string): string;
  where(documentTitle: string, workspaceTitle: string): string;
  greeting(name: string): string;
  immediateSubject(item: MailItem): string;
  immediateManySubject(n: number): string;
  immediateIntro(n: number): string;
  digestSubject(n: number): string;
  digestIntro(n: number): string;
  open: string;
  more(n: number): string;
  footer: string;
}

const nl: Strings = {
  what: (kind, actor) =>
    ({
      mention: `${actor} noemde je`,
      reply: `${actor} reageerde`,
      'waiting-on': `${actor} wacht op jou`,
    })[kind],
  where: (doc, ws) => `in ${doc} (${ws})`,
  greeting: (name) => `Hallo ${name},`,
  immediateSubject: (i) =>
    `${nl.what(i.kind, i.actorName)} ${nl.where(i.documentTitle, i.workspaceTitle)}`,
  immediateManySubject: (n) => `${n} nieuwe meldingen in Akkoord`,
  immediateIntro: (n) =>
    n === 1 ? 'Er is een nieuwe melding voor je:' : `Er zijn ${n} nieuwe meldingen voor je:`,
  digestSubject: (n) =>
    `Akkoord: je overzicht van vandaag (${n} ${n === 1 ? 'melding' : 'meldingen'})`,
  digestIntro: (n) =>
    n === 1
      ? 'Dit is er voor je gebeurd sinds je vorige overzicht. Je hebt 1 ongelezen melding:'
      : `Dit is er voor je gebeurd sinds je vorige overzicht. Je hebt ${n} ongelezen meldingen:`,
  open: 'Bekijken in Akkoord',
  more: (n) =>
    n === 1
      ? 'En nog 1 melding. Je ziet alles in Akkoord.'
      : `En nog ${n} meldingen. Je ziet alles in Akkoord.`,
  footer:
    'Je krijgt deze e-mail omdat je meldingen van Akkoord per e-mail ontvangt. Je kunt dit in Akkoord veranderen: direct, één keer per dag of nooit.',
};

const en: Strings = {
  what: (kind, actor) =>
    ({
      mention: `${actor} mentioned you`,
      reply: `${actor} replied`,
      'waiting-on': `${actor} is waiting on you`,
    })[kind],
  where: (doc, ws) => `in ${doc} (${ws})`,
  greeting: (name) => `Hello ${name},`,
  immediateSubject: (i) =>
    `${en.what(i.kind, i.actorName)} ${en.where(i.documentTitle, i.workspaceTitle)}`,
  immediateManySubject: (n) => `${n} new notifications in Akkoord`,
  immediateIntro: (n) =>
    n === 1 ? 'You have a new notification:' : `You have ${n} new notifications:`,
  digestSubject: (n) =>
    `Akkoord: your summary for today (${n} ${n === 1 ? 'notification' : 'notifications'})`,
  digestIntro: (n) =>
    n === 1
      ? 'This happened since your last summary. You have 1 unread notification:'
      : `This happened since your last summary. You have ${n} unread notifications:`,
  open: 'Open in Akkoord',
  more: (n) =>
    n === 1
      ? 'And 1 more notification. See everything in Akkoord.'
      : `And ${n} more notifications. See everything in Akkoord.`,
  footer:
    'You get this e-mail because you receive Akkoord notifications by e-mail. You can change this in Akkoord: immediately, once a day or never.',
};

export const mailStrings: Record<MailLanguage, Strings> = { nl, en };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Names and titles come from users: one line each, bounded, before they go anywhere. */
function clean(i: MailItem): MailItem {
  return {
    ...i,
    actorName: oneLine(i.actorName, 80),
    workspaceTitle: oneLine(i.workspaceTitle, 100),
    documentTitle: oneLine(i.documentTitle, 100),
  };
}

function render(
  s: Strings,
  lang: MailLanguage,
  subject: string,
  recipientName: string,
  intro: string,
  items: readonly MailItem[],
  more: number,
): MailContent {
  const name = oneLine(recipientName, 80);
  const textItems = items.map(
    (i) =>
      `- ${s.what(i.kind, i.actorName)} ${s.where(i.documentTitle, i.workspaceTitle)}:\n` +
      `  "${i.excerpt}"\n  ${s.open}: ${i.url}`,
  );
  const text = [
    s.greeting(name),
    '',
    intro,
    '',
    textItems.join('\n\n'),
    ...(more > 0 ? ['', s.more(more)] : []),
    '',
    '--',
    s.footer,
    '',
  ].join('\n');

  const e = escapeHtml;
  const htmlItems = items
    .map(
      (i) =>
        `<li style="margin:0 0 16px 0">` +
        `<strong>${e(s.what(i.kind, i.actorName))}</strong> ${e(s.where(i.documentTitle, i.workspaceTitle))}<br>` +
        `<span style="color:#374151">&ldquo;${e(i.excerpt)}&rdquo;</span><br>` +
        `<a href="${e(i.url)}">${e(s.open)}</a></li>`,
    )
    .join('\n');
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#111827">`,
    `<p>${e(s.greeting(name))}</p>`,
    `<p>${e(intro)}</p>`,
    `<ul style="padding-left:20px">\n${htmlItems}\n</ul>`,
    ...(more > 0 ? [`<p>${e(s.more(more))}</p>`] : []),
    `<p style="font-size:14px;color:#4b5563">${e(s.footer)}</p>`,
    `</body></html>`,
  ].join('\n');
  return { subject: oneLine(subject, 180), text, html };
}

/** One mail for notifications sent at once (usually one; several if they came together). */
export function immediateMail(
  lang: MailLanguage,
  recipientName: string,
  items: readonly MailItem[],
  more = 0,
): MailContent {
  const s = mailStrings[lang];
  const cleaned = items.map(clean);
  const total = cleaned.length + more;
  const subject = total === 1 ? s.immediateSubject(cleaned[0]!) : s.immediateManySubject(total);
  return render(s, lang, subject, recipientName, s.immediateIntro(total), cleaned, more);
}

/** The daily digest: every unread notification since the previous one, in one mail. */
export function digestMail(
  lang: MailLanguage,
  recipientName: string,
  items: readonly MailItem[],
  more = 0,
): MailContent {
  const s = mailStrings[lang];
  const total = items.length + more;
  return render(
    s,
    lang,
    s.digestSubject(total),
    recipientName,
    s.digestIntro(total),
    items.map(clean),
    more,
  );
}
