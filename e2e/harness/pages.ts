import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from './browser';
import { repoRoot } from './startServer';

/** Screenshots for people to look at (gitignored); every test run refreshes them. */
export const screenshotDir = path.join(repoRoot, 'e2e/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

export async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(
    violations.length,
    0,
    `axe violations on ${where}:\n${describeViolations(violations)}`,
  );
}

/** True when the element has focus (locators cannot ask this directly). */
export function isFocused(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => el === document.activeElement);
}
