import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import './global-setup';

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Saves a full-page screenshot as a test artifact: test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = resolve(inject('resultsDir'), 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${slug(name)}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * One browser context and page per test, on the Chromium started by globalSetup. A trace is
 * recorded for every test and kept, with a screenshot, in test-results/<test>/ when it fails.
 */
export function useBrowserPage(options: BrowserContextOptions = {}) {
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await chromium.connect(inject('wsEndpoint'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ baseURL: inject('baseURL'), ...options });
    await context.tracing.start({ screenshots: true, snapshots: true });
    page = await context.newPage();
  });

  afterEach(async ({ task }) => {
    if (!context) return;
    if (task.result?.state === 'fail') {
      const dir = resolve(inject('resultsDir'), slug(`${task.suite?.name ?? ''} ${task.name}`));
      mkdirSync(dir, { recursive: true });
      await page?.screenshot({ path: resolve(dir, 'failure.png'), fullPage: true }).catch(() => {});
      await context.tracing.stop({ path: resolve(dir, 'trace.zip') });
    } else {
      await context.tracing.stop();
    }
    await context.close();
    context = undefined;
    page = undefined;
  });

  return {
    get page(): Page {
      if (!page) throw new Error('The page exists only inside a test.');
      return page;
    },
    get context(): BrowserContext {
      if (!context) throw new Error('The context exists only inside a test.');
      return context;
    },
  };
}
