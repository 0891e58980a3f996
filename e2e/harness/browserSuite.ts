import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Api } from './api';
import { launchBrowser } from './browser';
import { startServer, type RunningServer, type StartServerOptions } from './startServer';
import { apiAs, newPersonPage } from './testPages';

/** What a browser suite shares: one server, one browser, one context per person. */
export interface BrowserSuite {
  /** The running server (throws before the suite's `before` ran). */
  readonly server: RunningServer;
  /** `server.url` + path. */
  url(path: string): string;
  /** A fresh context (one person) with one page. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** The REST API as the person of that page. */
  api(page: Page): Api;
}

/**
 * Registers the suite's `before` (start the server, launch the browser) and `after` (close every
 * context, the browser, the server). Call it first in the `describe`, so its `before` runs
 * ahead of the suite's own set-up.
 */
export function browserSuite(options: StartServerOptions = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  const running = (): RunningServer => {
    assert.ok(server, 'the server is running');
    return server;
  };
  return {
    get server() {
      return running();
    },
    url: (path) => `${running().url}${path}`,
    newPage: (viewport) => newPersonPage(browser, contexts, viewport),
    api: (page) => apiAs(running(), page),
  };
}
