import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Result as AxeViolation, RunOptions } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

const chromiumPath = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} not found: apt-get install -y --no-install-recommends chromium ` +
        '(never `npx playwright install`, it cannot download here)',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const require = createRequire(import.meta.url);
const axeSource: string = (require('axe-core') as { source: string }).source;

/** Runs axe-core in the page against WCAG 2.1 A/AA (plus best practices) and returns violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const alreadyLoaded = await page.evaluate(() => 'axe' in window);
  // Evaluated over the DevTools protocol rather than as a <script> tag: the server's CSP
  // (script-src 'self') rightly blocks inline scripts, and tests must not weaken it.
  if (!alreadyLoaded) await page.evaluate(axeSource);
  const options: RunOptions = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  };
  return page.evaluate(async (runOptions) => {
    const { axe } = window as unknown as {
      axe: {
        run: (context: Document, options: RunOptions) => Promise<{ violations: AxeViolation[] }>;
      };
    };
    return (await axe.run(document, runOptions)).violations;
  }, options);
}

/** A readable summary for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
}
