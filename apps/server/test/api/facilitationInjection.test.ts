import { describe, expect, it } from 'vitest';
import type { MeetingDto, MinutesDto, ParkingItemDto } from '@akkoord/domain';
import { facilitationWorld } from './helpers/facilitationWorld';
import type { ApiResponse } from './helpers/http';
import { readDb } from './helpers/sockets';

/**
 * Hostile text in the facilitator mode's text fields, and hostile ids in its paths: stored and
 * returned exactly as sent, or refused with 400 / 404. Never a 500, never a changed value.
 */

const nasty: Record<string, string> = {
  'SQL (drop table)': "Robert'); DROP TABLE meetings;--",
  'HTML script': '<script>alert("xss")</script>',
  'Markdown heading and link': '\n# Besluit\n[klik](javascript:alert(1))',
  'template syntax': '{{constructor.constructor("return process")()}} ${7*7}',
  unicode: 'Ünïcødé — 住宅 🏘️ مرحبا',
  'NUL byte': 'a\u0000b',
  'lone surrogate': 'x\uD800y',
  'JSON-like': '{"__proto__":{"admin":true}}',
};

const suite = facilitationWorld();

/** Refused as invalid, or accepted with the value unchanged; true when accepted. */
function verbatimOr400<T>(res: ApiResponse<T>, ok: number, got: (b: T) => unknown, sent: string) {
  expect(res.status, JSON.stringify(res.body)).not.toBe(500);
  if (res.status === 400) return false;
  expect(res.status, JSON.stringify(res.body)).toBe(ok);
  expect(got(res.body)).toBe(sent.trim());
  return true;
}

describe('hostile text in facilitator mode (MEET-1, MEET-6, MIN-2)', () => {
  for (const [label, value] of Object.entries(nasty)) {
    it(`${label}: meeting and agenda titles, parking topic and note, minutes text`, async () => {
      const ws = `/api/workspaces/${suite.wsId()}`;
      const planned = await suite.post<{ meeting: MeetingDto }>(suite.fac(), `${ws}/meetings`, {
        title: value,
        scheduledFor: '2026-12-01T19:30:00.000Z',
        items: [{ title: value, timeboxMinutes: 10 }],
      });
      if (verbatimOr400(planned, 201, (b) => b.meeting.title, value)) {
        expect(planned.body.meeting.items[0]!.title).toBe(value.trim());
        const again = await suite.as<{ meeting: MeetingDto }>(
          suite.negA(),
          'GET',
          `${ws}/meetings/${planned.body.meeting.id}`,
        );
        expect(again.body.meeting.title).toBe(value.trim());
      }

      const parked = await suite.post<{ item: ParkingItemDto }>(suite.negA(), `${ws}/parking`, {
        title: value,
        note: value,
      });
      if (verbatimOr400(parked, 201, (b) => b.item.title, value)) {
        expect(parked.body.item.note).toBe(value.trim());
      }

      // Minutes: a meeting run and ended, then its text amended with the value.
      const m = await suite.post<{ meeting: MeetingDto }>(suite.fac(), `${ws}/meetings`, {
        title: 'Overleg',
        scheduledFor: '2026-12-01T19:30:00.000Z',
        items: [],
      });
      const id = m.body.meeting.id;
      expect((await suite.post(suite.fac(), `${ws}/meetings/${id}/start`)).status).toBe(200);
      const ended = await suite.post<{ minutes: MinutesDto }>(
        suite.fac(),
        `${ws}/meetings/${id}/end`,
      );
      expect(ended.status).toBe(200);
      const amended = await suite.as<MinutesDto>(
        suite.negA(),
        'PUT',
        `${ws}/meetings/${id}/minutes`,
        {
          body: value,
          version: ended.body.minutes.version,
        },
      );
      expect(amended.status).not.toBe(500);
      if (amended.status === 200) {
        expect(amended.body.body).toBe(value);
        const md = await fetch(`${suite.srv.url}${ws}/meetings/${id}/minutes/export?format=md`, {
          headers: { Authorization: `Bearer ${suite.negA().token}` },
        });
        expect(md.status).toBe(200);
        expect(await md.text()).toBe(value);
        const pdf = await fetch(`${suite.srv.url}${ws}/meetings/${id}/minutes/export?format=pdf`, {
          headers: { Authorization: `Bearer ${suite.negA().token}` },
        });
        expect(pdf.status).toBe(200);
        expect(
          Buffer.from(await pdf.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      } else {
        expect(amended.status).toBe(400);
      }
    });
  }

  it('hostile ids in the new paths answer 404 or 400, never 500', async () => {
    const ws = `/api/workspaces/${suite.wsId()}`;
    const ids = ["x' OR 1=1 --", '..%2F..%2Fetc', '%00', 'a'.repeat(300), '__proto__'];
    for (const raw of ids) {
      const id = encodeURIComponent(raw);
      for (const [method, path] of [
        ['GET', `${ws}/meetings/${id}`],
        ['POST', `${ws}/meetings/${id}/start`],
        ['GET', `${ws}/meetings/${id}/queue`],
        ['GET', `${ws}/meetings/${id}/minutes`],
        ['PUT', `${ws}/consent-rounds/${id}/position`],
        ['PATCH', `${ws}/parking/${id}`],
        ['POST', `${ws}/documents/${id}/clauses/${id}/reopen`],
      ] as const) {
        const res = await suite.as(suite.fac(), method, path, method === 'GET' ? undefined : {});
        expect([400, 403, 404], `${method} ${path}: ${res.status}`).toContain(res.status);
      }
    }
  });

  it('the database is intact afterwards', () => {
    const tables = readDb<{ name: string }>(
      suite.srv.dataDir,
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['meetings', 'agenda_items', 'parking_items', 'minutes']),
    );
  });
});
