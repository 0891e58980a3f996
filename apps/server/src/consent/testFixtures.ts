import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MeetingDto, PartyDto } from '@akkoord/domain';
import { templateUpdate } from '@akkoord/domain/tiptap';
import * as Y from 'yjs';
import { clauseElement, themeSectionOf } from '../../test/helpers/yElements';
import type { FacilitationEvent, WorkspaceEvent } from '../events/EventHub';
import type { DocumentReader } from '../http/routes/exportRoutes';
import { createLogger } from '../logger';
import { openDatabase } from '../persistence/openDatabase';
import { SqliteWorkspaceStore } from '../workspaces/SqliteWorkspaceStore';
import { ConsentService } from './ConsentService';
import type { ConsentDeps } from './deps';
import { LockService } from './LockService';
import { MemoryClauseLocks } from './MemoryClauseLocks';
import { ProcessGate } from './ProcessGate';
import { SqliteConsentStore } from './SqliteConsentStore';

export const CLAUSE_TEXT = 'De huren stijgen niet meer dan de inflatie.';

/**
 * A real SQLite file with one negotiation for consent unit tests: facilitator `u_fac`,
 * negotiators `u_a1`, `u_a2` (party A), `u_b1` (B), `u_c1` (C), observer `u_obs`; the agreement
 * holds clause `c1`. Documents are read from in-memory Y.Docs; locks are the in-memory ones.
 */
export function consentWorld(opts: { processFirst?: boolean } = {}) {
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'akkoord-consent-')), 'wal');
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  for (const [id, name] of [
    ['u_fac', 'Fien'],
    ['u_a1', 'Anna'],
    ['u_a2', 'Arie'],
    ['u_b1', 'Bert'],
    ['u_c1', 'Cees'],
    ['u_obs', 'Olga'],
  ] as const)
    run(
      'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
      id,
      `${id}@x.nl`,
      name,
      'h',
    );
  run(
    'INSERT INTO workspaces (id, title, created_by, created_at, process_first) VALUES (?, ?, ?, 0, ?)',
    'w1',
    'Voorbeeldstad',
    'u_fac',
    opts.processFirst ? 1 : 0,
  );
  run(
    "INSERT INTO workspaces (id, title, created_by, created_at) VALUES ('w2', 'Elders', 'u_fac', 0)",
  );
  const parties: PartyDto[] = ['A', 'B', 'C'].map((x) => ({
    id: `p_${x}`,
    name: `Partij ${x}`,
    kind: 'other',
    color: '#000000',
  }));
  parties.forEach((p, i) =>
    run(
      'INSERT INTO parties (id, workspace_id, name, kind, color, position) VALUES (?, ?, ?, ?, ?, ?)',
      p.id,
      'w1',
      p.name,
      p.kind,
      p.color,
      i,
    ),
  );
  for (const [id, ws, kind, partyId] of [
    ['d_proc', 'w1', 'process', null],
    ['d_agr', 'w1', 'agreement', null],
    ['d_na', 'w1', 'party-notes', 'p_A'],
    ['d_other', 'w2', 'agreement', null],
  ] as const)
    run(
      'INSERT INTO documents (id, workspace_id, kind, title, room, party_id, position) VALUES (?, ?, ?, ?, ?, ?, 0)',
      id,
      ws,
      kind,
      id,
      `r_${id}`,
      partyId,
    );
  for (const [u, role, partyId] of [
    ['u_fac', 'facilitator', null],
    ['u_a1', 'negotiator', 'p_A'],
    ['u_a2', 'negotiator', 'p_A'],
    ['u_b1', 'negotiator', 'p_B'],
    ['u_c1', 'negotiator', 'p_C'],
    ['u_obs', 'observer', null],
  ] as const)
    run(
      'INSERT INTO members (workspace_id, user_id, role, party_id, joined_at) VALUES (?, ?, ?, ?, 0)',
      'w1',
      u,
      role,
      partyId,
    );

  const docs = new Map<string, Y.Doc>();
  for (const kind of ['agreement', 'process'] as const) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, templateUpdate(kind, parties));
    docs.set(kind === 'agreement' ? 'r_d_agr' : 'r_d_proc', doc);
  }
  const section = themeSectionOf(docs.get('r_d_agr')!, 'betaalbaarheid');
  section.insert(section.length, [clauseElement({ id: 'c1', text: CLAUSE_TEXT })]);
  const documents: DocumentReader = {
    read: (room, read) => Promise.resolve(read(docs.get(room) ?? new Y.Doc())),
  };

  const events: FacilitationEvent[] = [];
  const rechecked: [string, string][] = [];
  const locks = new MemoryClauseLocks();
  const world = { current: null as MeetingDto | null };
  const deps: ConsentDeps = {
    store: new SqliteConsentStore(db),
    workspaces: new SqliteWorkspaceStore(db),
    documents,
    locks,
    hub: {
      publish: (e: WorkspaceEvent) => void (e.type === 'facilitation' && events.push(e)),
      subscribe: () => () => {},
    },
    log: createLogger('silent'),
    currentMeeting: () => Promise.resolve(world.current),
    recheckSockets: (w, u) => void rechecked.push([w, u]),
  };
  const gate = new ProcessGate(deps);
  return {
    db,
    deps,
    /** The in-memory documents by room (`r_d_agr`, `r_d_proc`). */
    docs,
    locks,
    events,
    rechecked,
    world,
    gate,
    consent: new ConsentService(deps, gate),
    lockService: new LockService(deps),
  };
}

export const clauseTarget = { kind: 'clause' as const, documentId: 'd_agr', clauseId: 'c1' };
export const processTarget = { kind: 'process' as const, documentId: 'd_proc' };
