import { diffClauses, type ClauseChange } from './changes';
import { STATUS_LABELS, type Clause } from './clause';
import { escapeMarkdown } from './export';
import type {
  AgendaItemDto,
  DecisionDto,
  ParkingScope,
  Position,
  RoundOutcome,
} from './facilitation';
import type { Lang } from './themes';
import type { TextRun } from './wordDiff';

/**
 * The minutes draft of a meeting (SPEC.md MIN-1) as Markdown, from plain data: the server
 * gathers the input when a meeting ends, members amend the text afterwards. Pure: no clock, no
 * storage, so the same input always gives the same text.
 *
 * Every piece of user text (titles, names, reasons, clause text) goes through `escapeMarkdown`
 * and is kept on one line, so a title cannot start a heading, a list or a link of its own.
 */

export interface MinutesParty {
  id: string;
  name: string;
}

export interface MinutesAttendee {
  name: string;
  /** Null for the facilitator and observers. */
  partyId: string | null;
}

export interface MinutesParkingItem {
  title: string;
  note: string;
  scope: ParkingScope;
  status: 'open' | 'done';
  /** The meeting it was raised in, if any. */
  meetingId: string | null;
}

export interface MinutesActionItem {
  description: string;
  ownerPartyId: string | null;
  /** The owning member's name, when a person owns it. */
  ownerName: string | null;
  due: string | null;
}

export interface MinutesInput {
  workspaceTitle: string;
  parties: readonly MinutesParty[];
  meeting: {
    id: string;
    title: string;
    startedAt: string | null;
    endedAt: string | null;
    items: readonly Pick<AgendaItemDto, 'title' | 'timeboxMinutes' | 'spentSeconds'>[];
  };
  attendees: readonly MinutesAttendee[];
  /** Decisions logged during the meeting, oldest first. */
  decisions: readonly Pick<
    DecisionDto,
    'kind' | 'target' | 'clauseNumber' | 'outcome' | 'reason' | 'positions'
  >[];
  /** The agreement's clauses when the meeting started; null when they were not kept. */
  clausesAtStart: readonly Clause[] | null;
  /** The agreement's clauses when it ended. */
  clausesAtEnd: readonly Clause[];
  /** Parking-lot items of the workspace; those of this meeting and those still open are shown. */
  parking: readonly MinutesParkingItem[];
  actions: readonly MinutesActionItem[];
  lang?: Lang;
  /** Time zone for the meeting's times (default Europe/Amsterdam: the meetings are Dutch). */
  timeZone?: string;
}

const L = {
  nl: {
    title: 'Verslag',
    workspace: 'Werkruimte',
    when: 'Datum',
    notHeld: 'niet gehouden',
    attendees: 'Aanwezigen',
    noAttendees: 'Geen aanwezigen geregistreerd.',
    others: 'Procesbegeleiding en toehoorders',
    absent: 'niemand aanwezig',
    agenda: 'Agenda',
    noAgenda: 'Geen agendapunten.',
    spent: (spent: number, box: number) => `${spent} van ${box} min`,
    decisions: 'Besluiten',
    noDecisions: 'Geen besluiten genomen.',
    process: 'Procesafspraken',
    clause: 'Artikel',
    reason: 'Toelichting',
    noPositions: 'geen standpunten',
    changes: 'Gewijzigde artikelen',
    noChanges: 'Geen artikelen gewijzigd.',
    changesUnavailable:
      'De artikelen bij de start zijn niet bewaard; wijzigingen niet beschikbaar.',
    added: 'toegevoegd',
    removed: 'verwijderd',
    changed: 'gewijzigd',
    status: 'status',
    owner: 'eigenaar',
    theme: 'thema',
    counterparts: (n: number) => `${n} tegenprestatie(s) gewijzigd`,
    none: 'geen',
    parking: 'Parkeerplaats',
    raised: 'Ingebracht in deze vergadering',
    stillOpen: 'Nog open',
    noParking: 'Niets geparkeerd.',
    done: 'afgehandeld',
    actions: 'Actiepunten',
    noActions: 'Geen actiepunten.',
    noOwner: 'nog niemand',
    due: 'vóór',
  },
  en: {
    title: 'Minutes',
    workspace: 'Workspace',
    when: 'Date',
    notHeld: 'not held',
    attendees: 'Attendees',
    noAttendees: 'No attendees recorded.',
    others: 'Facilitation and observers',
    absent: 'nobody present',
    agenda: 'Agenda',
    noAgenda: 'No agenda items.',
    spent: (spent: number, box: number) => `${spent} of ${box} min`,
    decisions: 'Decisions',
    noDecisions: 'No decisions taken.',
    process: 'Process agreements',
    clause: 'Clause',
    reason: 'Reason',
    noPositions: 'no positions',
    changes: 'Changed clauses',
    noChanges: 'No clauses changed.',
    changesUnavailable: 'The clauses at the start were not kept; changes are not available.',
    added: 'added',
    removed: 'removed',
    changed: 'changed',
    status: 'status',
    owner: 'owner',
    theme: 'theme',
    counterparts: (n: number) => `${n} counterpart commitment(s) changed`,
    none: 'none',
    parking: 'Parking lot',
    raised: 'Raised in this meeting',
    stillOpen: 'Still open',
    noParking: 'Nothing parked.',
    done: 'done',
    actions: 'Action items',
    noActions: 'No action items.',
    noOwner: 'nobody yet',
    due: 'by',
  },
} as const;

const OUTCOME: Record<Lang, Record<RoundOutcome | 'opened' | 'reopened', string>> = {
  nl: {
    agreed: 'akkoord',
    'not-agreed': 'geen akkoord',
    cancelled: 'afgebroken',
    opened: 'proces-poort geopend',
    reopened: 'heropend',
  },
  en: {
    agreed: 'agreed',
    'not-agreed': 'not agreed',
    cancelled: 'cancelled',
    opened: 'process gate opened',
    reopened: 'reopened',
  },
};

const POSITION: Record<Lang, Record<Position, string>> = {
  nl: { agree: 'akkoord', reservation: 'akkoord met voorbehoud', object: 'bezwaar' },
  en: { agree: 'agrees', reservation: 'agrees with a reservation', object: 'objects' },
};

const SCOPE: Record<Lang, Record<ParkingScope, string>> = {
  nl: {
    'in-scope': 'binnen de afspraken',
    'out-of-scope': 'buiten de afspraken',
    unclear: 'nog onduidelijk',
  },
  en: { 'in-scope': 'in scope', 'out-of-scope': 'out of scope', unclear: 'unclear' },
};

/** User text on one line, escaped: newlines would end a list item or start a block. */
export function inlineText(text: string): string {
  return escapeMarkdown(text.replace(/\s*\n\s*/g, ' ').trim());
}

/**
 * Wraps a changed run in a marker (`~~` or `**`). Markdown only sees a delimiter that touches a
 * word, so whitespace at either end goes outside the marker.
 */
function marked(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  const [, lead = '', core = '', trail = ''] = m;
  return core === '' ? text : `${lead}${marker}${escapeMarkdown(core)}${marker}${trail}`;
}

/** Word runs as one line of Markdown: deleted words ~~struck~~, inserted ones **bold**. */
export function runsToMarkdown(runs: readonly TextRun[]): string {
  return runs
    .map((r, i) => {
      // Paragraph breaks become " / " so the diff stays one line.
      const text = r.text.replace(/\s*\n\s*/g, ' / ');
      if (r.op === 'same') return escapeMarkdown(text);
      // "~~120~~**150**" reads as one word; a space keeps the replacement legible.
      const gap = r.op === 'ins' && runs[i - 1]?.op === 'del' && !/^\s/.test(text) ? ' ' : '';
      return gap + marked(text, r.op === 'del' ? '~~' : '**');
    })
    .join('');
}

function formatTime(iso: string | null, lang: Lang, timeZone: string): string | null {
  if (iso === null) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(d);
}

function formatEnd(iso: string | null, lang: Lang, timeZone: string): string | null {
  if (iso === null) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone,
    timeStyle: 'short',
  }).format(d);
}

export function generateMinutes(input: MinutesInput): string {
  const lang = input.lang ?? 'nl';
  const l = L[lang];
  const tz = input.timeZone ?? 'Europe/Amsterdam';
  const names = new Map(input.parties.map((p) => [p.id, p.name]));
  const party = (id: string | null) => (id === null ? null : inlineText(names.get(id) ?? id));
  const out: string[] = [];
  const section = (title: string) => out.push(`## ${title}`, '');
  const empty = (text: string) => out.push(`_${text}_`, '');
  const list = (lines: string[]) => out.push(...lines, '');

  out.push(`# ${l.title}: ${inlineText(input.meeting.title)}`, '');
  const start = formatTime(input.meeting.startedAt, lang, tz);
  const end = formatEnd(input.meeting.endedAt, lang, tz);
  list([
    `- ${l.workspace}: ${inlineText(input.workspaceTitle)}`,
    `- ${l.when}: ${start === null ? l.notHeld : end === null ? start : `${start}–${end}`}`,
  ]);

  // Attendees, per party in the workspace's order; nobody counted twice.
  section(l.attendees);
  if (input.attendees.length === 0) empty(l.noAttendees);
  else {
    const lines = input.parties.map((p) => {
      const who = input.attendees.filter((a) => a.partyId === p.id).map((a) => inlineText(a.name));
      return `- **${inlineText(p.name)}**: ${who.length > 0 ? who.join(', ') : `_${l.absent}_`}`;
    });
    const others = input.attendees.filter((a) => a.partyId === null || !names.has(a.partyId));
    if (others.length > 0)
      lines.push(`- **${l.others}**: ${others.map((a) => inlineText(a.name)).join(', ')}`);
    list(lines);
  }

  section(l.agenda);
  if (input.meeting.items.length === 0) empty(l.noAgenda);
  else
    list(
      input.meeting.items.map(
        (it) =>
          `- ${inlineText(it.title)} (${l.spent(Math.ceil(it.spentSeconds / 60), it.timeboxMinutes)})`,
      ),
    );

  section(l.decisions);
  if (input.decisions.length === 0) empty(l.noDecisions);
  else {
    const lines: string[] = [];
    for (const d of input.decisions) {
      const what =
        d.target.kind === 'process'
          ? l.process
          : `${l.clause} ${inlineText(d.clauseNumber ?? d.target.clauseId)}`;
      const outcome = (OUTCOME[lang] as Record<string, string>)[d.outcome] ?? inlineText(d.outcome);
      lines.push(`- **${what}**: ${outcome}`);
      if (d.reason.trim() !== '') lines.push(`  - ${l.reason}: ${inlineText(d.reason)}`);
      // The latest position per party, in the workspace's party order.
      const latest = new Map(d.positions.map((p) => [p.partyId, p]));
      const ordered = [
        ...input.parties.flatMap((p) => (latest.has(p.id) ? [latest.get(p.id)!] : [])),
        ...[...latest.values()].filter((p) => !names.has(p.partyId)),
      ];
      if (d.kind === 'consent' && ordered.length === 0) lines.push(`  - _${l.noPositions}_`);
      for (const p of ordered) {
        const reason = p.reason.trim() === '' ? '' : ` — ${inlineText(p.reason)}`;
        lines.push(`  - ${party(p.partyId)}: ${POSITION[lang][p.position]}${reason}`);
      }
    }
    list(lines);
  }

  section(l.changes);
  if (input.clausesAtStart === null) empty(l.changesUnavailable);
  else {
    const changes = diffClauses(input.clausesAtStart, input.clausesAtEnd);
    if (changes.length === 0) empty(l.noChanges);
    else list(changes.flatMap((c) => changeLines(c, lang, party)));
  }

  section(l.parking);
  const raised = input.parking.filter((p) => p.meetingId === input.meeting.id);
  const open = input.parking.filter((p) => p.meetingId !== input.meeting.id && p.status === 'open');
  const parkingLine = (p: MinutesParkingItem) => {
    const note = p.note.trim() === '' ? '' : ` — ${inlineText(p.note)}`;
    const done = p.status === 'done' ? `, ${l.done}` : '';
    return `- ${inlineText(p.title)} (${SCOPE[lang][p.scope]}${done})${note}`;
  };
  if (raised.length === 0 && open.length === 0) empty(l.noParking);
  else {
    if (raised.length > 0) {
      out.push(`### ${l.raised}`, '');
      list(raised.map(parkingLine));
    }
    if (open.length > 0) {
      out.push(`### ${l.stillOpen}`, '');
      list(open.map(parkingLine));
    }
  }

  section(l.actions);
  if (input.actions.length === 0) empty(l.noActions);
  else
    list(
      input.actions.map((a) => {
        const owners = [party(a.ownerPartyId), a.ownerName ? inlineText(a.ownerName) : null]
          .filter((x) => x !== null)
          .join(', ');
        const due = a.due ? ` (${l.due} ${a.due})` : '';
        return `- ${inlineText(a.description)} — **${owners || l.noOwner}**${due}`;
      }),
    );

  return `${out.join('\n').trimEnd()}\n`;
}

function changeLines(
  c: ClauseChange,
  lang: Lang,
  party: (id: string | null) => string | null,
): string[] {
  const l = L[lang];
  const num = inlineText(c.number);
  if (c.kind === 'added') return [`- **${num}** (${l.added}): ${inlineText(c.clause.text)}`];
  if (c.kind === 'removed')
    return [`- **${num}** (${l.removed}): ~~${inlineText(c.clause.text)}~~`];
  const lines = [`- **${num}** (${l.changed})${c.text ? `: ${runsToMarkdown(c.text)}` : ''}`];
  if (c.status)
    lines.push(
      `  - ${l.status}: ${STATUS_LABELS[c.status.from][lang]} → ${STATUS_LABELS[c.status.to][lang]}`,
    );
  if (c.owner)
    lines.push(`  - ${l.owner}: ${party(c.owner.from) ?? l.none} → ${party(c.owner.to) ?? l.none}`);
  if (c.theme) lines.push(`  - ${l.theme}: ${c.theme.from ?? l.none} → ${c.theme.to ?? l.none}`);
  if (c.counterparts.length > 0) lines.push(`  - ${l.counterparts(c.counterparts.length)}`);
  return lines;
}
