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
      const api = new Api(context.request, server.url);
      const account = await api.register(name);
      await api.accept(await setup.invite(workspace.id, { role: 'negotiator', partyId: party.id }));
      pages.push({ page: await context.newPage(), token: account.token });
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
          document.querySelectorAll('.clause').length === n &&
          document.querySelector('[role="textbox"][contenteditable="true"]') !== null,
        CLAUSES,
        { timeout: 60_000 },
      );
      openTimes.push(Date.now() - start);
    }

    console.log(`editable after open (ms): first ${openTimes[0]}, second ${openTimes[1]}`);
    step('typing');
    // Type at the end of the last clause's text; time each key until the text is on screen
    // (after the next frame) in A, and until it appears in B.
    const target = '.clause [data-type="clause-text"] p';
    await a.page.locator(target).last().click();
    await a.page.keyboard.press('End');
    const local: number[] = [];
    const remote: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      const watch = (page: typeof a.page) =>
        page.evaluate(
          (sel) =>
            new Promise<number>((resolve) => {
              const nodes = document.querySelectorAll(sel);
              const p = nodes[nodes.length - 1];
              if (!p) throw new Error('no paragraph');
              const observer = new MutationObserver(() => {
                observer.disconnect();
                requestAnimationFrame(() => resolve(Date.now()));
              });
              observer.observe(p, { characterData: true, childList: true, subtree: true });
            }),
          target,
        );
      const seenA = watch(a.page);
      const seenB = watch(b.page);
      const pressed = Date.now();
      await a.page.keyboard.press('x');
      local.push((await seenA) - pressed);
      remote.push((await seenB) - pressed);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const result = {
      clauses: CLAUSES,
      editableMs: { first: openTimes[0], second: openTimes[1] },
      localKeystrokeMs: { median: median(local), p95: p95(local) },
      remoteKeystrokeMs: { median: median(remote), p95: p95(remote) },
    };
    console.log(JSON.stringify(result, null, 2));
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
