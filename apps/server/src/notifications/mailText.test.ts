import { describe, expect, it } from 'vitest';
import { digestMail, escapeHtml, immediateMail, type MailItem } from './mailText';

const item = (over: Partial<MailItem> = {}): MailItem => ({
  kind: 'mention',
  actorName: 'Anna de Vries',
  workspaceTitle: 'Voorbeeldstad 2026',
  documentTitle: 'Prestatieafspraken',
  excerpt: 'Kun je naar de huursom kijken?',
  url: 'https://akkoord.example/w/w_1/d/d_1?thread=t_1',
  ...over,
});

describe('mail text', () => {
  it('NOTE-9 Dutch by default: subject says who did what where; body greets, quotes and links', () => {
    const m = immediateMail('nl', 'Bert', [item()]);
    expect(m.subject).toBe('Anna de Vries noemde je in Prestatieafspraken (Voorbeeldstad 2026)');
    expect(m.text).toContain('Hallo Bert,');
    expect(m.text).toContain('"Kun je naar de huursom kijken?"');
    expect(m.text).toContain('https://akkoord.example/w/w_1/d/d_1?thread=t_1');
    expect(m.html).toContain('<html lang="nl">');
    expect(m.html).toContain('href="https://akkoord.example/w/w_1/d/d_1?thread=t_1"');
    expect(immediateMail('nl', 'B', [item({ kind: 'reply' })]).subject).toMatch(
      /^Anna de Vries reageerde in/,
    );
    expect(immediateMail('nl', 'B', [item({ kind: 'waiting-on' })]).subject).toMatch(
      /^Anna de Vries wacht op jou in/,
    );
  });

  it('English strings exist for every text', () => {
    const m = digestMail('en', 'Bert', [item(), item({ kind: 'reply' })], 3);
    expect(m.subject).toBe('Akkoord: your summary for today (5 notifications)');
    expect(m.text).toContain('Anna de Vries mentioned you');
    expect(m.text).toContain('Anna de Vries replied');
    expect(m.text).toContain('And 3 more notifications.');
  });

  it('NOTE-8 the HTML part escapes every user-supplied text; the text part carries it verbatim', () => {
    const evil = item({
      excerpt: '<img src=x onerror=alert(1)> & "quotes"',
      actorName: '<b>Mallory</b>',
      documentTitle: 'Doc </title><script>',
      url: 'https://akkoord.example/w/w_1/d/d_1?thread=t_1&x="y"',
    });
    const m = immediateMail('nl', '<i>Bert</i>', [evil]);
    expect(m.html).not.toMatch(/<img|<b>|<script|<i>/);
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(m.html).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
    expect(m.html).toContain(
      'href="https://akkoord.example/w/w_1/d/d_1?thread=t_1&amp;x=&quot;y&quot;"',
    );
    expect(m.text).toContain('"<img src=x onerror=alert(1)> & "quotes""');
  });

  it('subjects are one line, whatever the names contain', () => {
    const m = immediateMail('nl', 'B', [item({ actorName: 'Eve\r\nBcc: all@example.nl' })]);
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  it('a digest counts singular and plural in Dutch', () => {
    expect(digestMail('nl', 'B', [item()]).subject).toBe(
      'Akkoord: je overzicht van vandaag (1 melding)',
    );
    const many = digestMail('nl', 'B', [item(), item()], 1);
    expect(many.subject).toBe('Akkoord: je overzicht van vandaag (3 meldingen)');
    expect(many.text).toContain('En nog 1 melding.');
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
