import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from './api';
import type { RunningServer } from './startServer';

/**
 * A fresh browser context (its own cookies: one person) with one page; the context is added to
 * `contexts` so the suite's `after` can close it.
 */
export async function newPersonPage(
  browser: Browser | undefined,
  contexts: BrowserContext[],
  viewport = { width: 1440, height: 1000 },
): Promise<Page> {
  assert.ok(browser, 'the browser is running');
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** The REST API as the person of that page (same cookies). */
export function apiAs(server: RunningServer | undefined, page: Page): Api {
  assert.ok(server, 'the server is running');
  return new Api(page.context().request, server.url);
}

/** Waits for the save status (`data-status`: saved, saving, offline, …), optionally its text. */
export async function waitForSaveStatus(page: Page, status: string, text?: string): Promise<void> {
  const options = text === undefined ? {} : { hasText: text };
  await page.locator(`[role="status"][data-status="${status}"]`, options).waitFor();
}
