// Editor benchmark (issue 4): an agreement of 300 clauses, opened in Chromium.
//   pnpm bench:editor        (build the web app first: pnpm --filter @akkoord/web build)
// Reports: time until the editor is editable with all clause cards drawn, and keystroke-to-
// screen latency in the typing tab and at a second client. Not a test: it prints numbers.
import { request } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { clauseJSON, templateFor, type PMJSON } from '../../packages/domain/src/index';
import { writeJSON } from '../../packages/domain/src/tiptap/index';
import { Api } from '../../e2e/harness/api';
import { launchBrowser } from '../../e2e/harness/browser';
import { startServer } from '../../e2e/harness/startServer';

const CLAUSES = 300;
const KEYSTROKES = 30;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN;
}

/** The agreement template with CLAUSES clauses spread over its theme sections. */
function agreementWith(parties: { id: string; name: string }[]): PMJSON {
  const doc = templateFor('agreement', parties);
  const sections = (doc.content ?? []).filter((n) => n.type === 'themeSection');
  const text = 'De corporatie bouwt in deze periode extra sociale huurwoningen in de wijk, '.repeat(
    3,
  );
  for (let i = 0; i < CLAUSES; i++) {
    const section = sections[i % sections.length];
    const [owner, other] = [parties[i % parties.length], parties[(i + 1) % parties.length]];
    if (!section || !owner || !other) throw new Error('template without sections');
    section.content = [
      ...(section.content ?? []),
      clauseJSON({
        owner: owner.id,
        text: `${i + 1}. ${text}`,
        counterparts: [{ party: other.id, commitment: 'Daartegenover levert de partij grond.' }],
      }),
    ];
  }
  return doc;
}

/** Progress on stderr, so a slow step shows where it is. */
function step(what: string): void {
  process.stderr.write(`[bench:editor] ${what}\n`);
}

async function main(): Promise<void> {
  step('starting the server and Chromium');
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const setup = new Api(await request.newContext(), server.url);
    await setup.register('Bench Facilitator');
    const workspace = await setup.createWorkspace('Bench 300 afspraken');
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    const corporation = workspace.parties.find((p) => p.kind === 'corporation');
    const municipality = workspace.parties.find((p) => p.kind === 'municipality');
    if (!agreement || !corporation || !municipality) throw new Error('unexpected workspace');

    const pages = [];
    for (const [name, party] of [
      ['Bench Corporatie', corporation],
      ['Bench Gemeente', municipality],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      // tsx compiles with keepNames: functions passed to page.evaluate call a __name helper.
      await context.addInitScript('window.__name = (f) => f');
      const api = new Api(context.request, server.url);
      const account = await api.register(name);
      await api.accept(await setup.invite(workspace.id, { role: 'negotiator', partyId: party.id }));
      const page = await context.newPage();
      page.on('crash', () => step(`${name}: the tab crashed`));
      page.on('close', () => step(`${name}: the tab closed`));
      context.on('close', () => step(`${name}: the context closed`));
      page.on('pageerror', (error) => step(`${name}: ${error.message}`));
      pages.push({ page, token: account.token });
    }
    const [a, b] = pages;
    if (!a || !b) throw new Error('no pages');

    step('writing the agreement through Yjs');
    // Write the 300 clauses through Yjs, as a client would, then wait until the server echoed it.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `${server.url.replace(/^http/, 'ws')}/sync`,
      agreement.room,
      doc,
      {
        // The server checks Origin on sockets as it would for a browser page.
        WebSocketPolyfill: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers: { Origin: server.url } });
          }
        } as unknown as typeof globalThis.WebSocket,
        params: { token: a.token },
      },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync with the server in 15 s')), 15_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    writeJSON(agreementWith(workspace.parties), doc);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    provider.destroy();

    const url = `${server.url}/w/${workspace.id}/d/${agreement.id}`;
    step('opening it in two tabs');
    const openTimes: number[] = [];
    for (const { page } of [a, b]) {
      const start = Date.now();
      await page.goto(url);
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('.ProseMirror [data-type="clause"], .ProseMirror .clause')
            .length >= n &&
          document.querySelector('[role="textbox"][contenteditable="true"]') !== null,
        CLAUSES,
        { timeout: 60_000 },
      );
      openTimes.push(Date.now() - start);
    }

    step('typing');
    // Type at the end of the last clause's text; time each key until the text is on screen
    // (after the next frame) in A, and until it appears in B.
    const target = '.clause [data-type="clause-text"] p';
    // The cursor at the very end of the last clause's text (End would only reach the end of the
    // wrapped line that was clicked). Tiptap puts the editor on its element.
    await a.page.evaluate((sel) => {
      type Tiptap = {
        view: { posAtDOM(node: Node, offset: number): number };
        commands: { setTextSelection(pos: number): boolean; focus(): boolean };
      };
      const root = document.querySelector<HTMLElement & { editor?: Tiptap }>('.ProseMirror');
      const nodes = root?.querySelectorAll(sel);
      const p = nodes?.[nodes.length - 1];
      if (!root?.editor || !p) throw new Error('no editor or paragraph');
      root.editor.commands.focus();
      root.editor.commands.setTextSelection(root.editor.view.posAtDOM(p, p.childNodes.length));
    }, target);
    const local: number[] = [];
    const remote: number[] = [];
    // Arms a watcher in the page (awaited before the key is pressed, so no change can slip past
    // it); `collect` then resolves with the wall-clock time of the first frame after the last
    // clause's text ends with `expected`. Carets of other people are drawn inside the text, so
    // their labels are left out. Date.now() is one clock for both tabs and Node.
    const arm = (page: typeof a.page, expected: string) =>
      page.evaluate(
        ({ selector, expected }) => {
          const root = document.querySelector('.ProseMirror');
          if (!root) throw new Error('no editor');
          const text = () => {
            const nodes = root.querySelectorAll(selector);
            const last = nodes[nodes.length - 1];
            if (!last) return '';
            const copy = last.cloneNode(true) as Element;
            copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
            return copy.textContent ?? '';
          };
          const w = window as unknown as { benchSeen?: Promise<number> };
          w.benchSeen = new Promise<number>((resolve) => {
            const finish = () => requestAnimationFrame(() => resolve(Date.now()));
            const observer = new MutationObserver(() => {
              if (!text().endsWith(expected)) return;
              observer.disconnect();
              finish();
            });
            observer.observe(root, { characterData: true, childList: true, subtree: true });
          });
        },
        { selector: target, expected },
      );
    const collect = (page: typeof a.page) =>
      page.evaluate(() => (window as unknown as { benchSeen: Promise<number> }).benchSeen);
    const base = (await a.page.locator(target).last().textContent()) ?? '';
    for (let i = 0; i < KEYSTROKES; i++) {
      const expected = `${base.slice(-5)}${'x'.repeat(i + 1)}`;
      await Promise.all([arm(a.page, expected), arm(b.page, expected)]);
      const pressed = Date.now();
      await a.page.keyboard.press('x');
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`keystroke ${i + 1} not seen within 10 s`)), 10_000),
      );
      const [atA, atB] = await Promise.race([
        Promise.all([collect(a.page), collect(b.page)]),
        timeout,
      ]);
      local.push(atA - pressed);
      remote.push(atB - pressed);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const [first = NaN, second = NaN] = openTimes;
    const rows = [
      ['editable, first tab', `${first} ms`, '< 1500 ms', goal(first < 1500)],
      ['editable, second tab', `${second} ms`, '< 1500 ms', goal(second < 1500)],
      ['keystroke on screen, typing tab (median)', `${median(local)} ms`, '', ''],
      ['keystroke on screen, typing tab (p95)', `${p95(local)} ms`, '', ''],
      [
        'keystroke at the other client (median)',
        `${median(remote)} ms`,
        '< 50 ms',
        goal(median(remote) < 50),
      ],
      ['keystroke at the other client (p95)', `${p95(remote)} ms`, '', ''],
    ];
    console.log(`\nClause editor, ${CLAUSES} clauses, ${KEYSTROKES} keystrokes\n`);
    console.log('| measure | value | goal | |');
    console.log('|---|---:|---:|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  // A failed step can leave a socket or timer behind; the benchmark is over either way.
  process.exit(1);
});
