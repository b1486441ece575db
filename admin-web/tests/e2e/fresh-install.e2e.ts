import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { freePort } from '@scrm/web-shared/e2e/global-setup';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys } from './support/console';
import { act, demoCorp, startRealStack, stackDb, type StartedStack } from './support/stack';

/**
 * A fresh installation (a database with no admin and no corp: its own stack, and its own
 * `vite preview` of the built console proxying to it) goes through the first-run wizard from
 * step 1: the first admin, the corp, the checks (a failure the sandbox acts out, with its
 * sentence; WeCom's callback verification), then the first sync.
 */
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = resolve(appRoot, '..');
const enabled = Boolean(inject('stack'));
const browser = useBrowserPage({ viewport: { width: 1280, height: 900 } });

let fresh: StartedStack;
let server: PreviewServer;
let base = '';
const previousApiUrl = process.env.SCRM_API_URL;

async function recheck(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/check') && r.request().method() === 'POST'),
    page.getByTestId('check-run').click(),
  ]);
}

describe.skipIf(!enabled)('a fresh installation through the wizard', () => {
  beforeAll(async () => {
    fresh = await startRealStack(repoRoot, resolve(appRoot, 'test-results/stack-fresh'), {
      fresh: true,
    });
    process.env.SCRM_API_URL = fresh.stack.apiUrl;
    const port = await freePort();
    server = await preview({
      root: appRoot,
      configFile: resolve(appRoot, 'vite.config.ts'),
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port, strictPort: true, open: false },
    });
    base = `http://127.0.0.1:${port}`;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await fresh?.stop();
    if (previousApiUrl === undefined) delete process.env.SCRM_API_URL;
    else process.env.SCRM_API_URL = previousApiUrl;
  }, 60_000);

  it('creates the first admin, enters the corp, meets a failure, then watches the first sync finish', async () => {
    const { page } = browser;
    const s = fresh.stack;
    const corp = demoCorp(repoRoot);
    const db = await stackDb(s);
    try {
      const [admins] = await db.query('SELECT COUNT(*) AS n FROM admin_user');
      expect(Number((admins as Array<{ n: number }>)[0].n)).toBe(0);
    } finally {
      await db.end();
    }

    // any page of a fresh installation opens the wizard
    await page.goto(`${base}/customers`);
    await page.waitForURL('**/setup**');
    await page.getByTestId('step-admin').waitFor();
    // the form says what is missing before anything is sent
    await page.getByTestId('admin-create').click();
    await page.getByText('用户名为 3-64 位字母、数字、_、. 或 -。').waitFor();
    await page.getByTestId('admin-username').fill(s.accounts.admin.username);
    await page.getByTestId('admin-display-name').fill('店长老周');
    await page.getByTestId('admin-password').fill(s.accounts.admin.password);
    await page.getByTestId('admin-confirm').fill(s.accounts.admin.password);
    await saveScreenshot(page, 'fresh-install-admin');
    await page.getByTestId('admin-create').click();

    await page.getByTestId('step-corp').waitFor();
    await page.getByTestId('corp-id').fill(corp.corpId);
    await page.getByTestId('corp-name').fill(corp.corpName);
    await page.getByTestId('corp-agent-id').fill(String(corp.agent.agentId));
    await page.getByTestId('corp-agent-secret').fill(corp.agent.secret);
    await page.getByTestId('corp-contact-secret').fill(corp.contactSecret);
    await page.getByTestId('corp-address-book-secret').fill(corp.addressBookSecret);
    await saveScreenshot(page, 'fresh-install-corp');
    await page.getByTestId('corp-register').click();
    // the callback settings to copy into WeCom
    const url = await page.getByTestId('callback-url').inputValue();
    expect(url).toBe(`${s.apiUrl}/wecom/callback/${corp.corpId}`);
    const token = await page.getByTestId('callback-token').inputValue();
    const encodingAESKey = await page.getByTestId('callback-aes-key').inputValue();
    expect(encodingAESKey).toHaveLength(43);
    await saveScreenshot(page, 'fresh-install-callback');
    await page.getByTestId('wizard-next').first().click();

    // the checks: the admin has set 企业可信IP in WeCom without this server's address
    await page.getByTestId('step-check').waitFor();
    await page.getByTestId('check-summary').waitFor();
    await act(s, '/config', { trustedIps: ['203.0.113.7'] });
    await recheck(page);
    await page.locator('[data-testid="check-trustedIp"][data-status="failed"]').waitFor();
    expect(
      await page.getByTestId('check-trustedIp').getByTestId('check-sentence').innerText(),
    ).toContain('企业可信IP');
    await saveScreenshot(page, 'fresh-install-60020');

    // fixed in WeCom; the admin saves the callback settings there and WeCom verifies them
    await act(s, '/config', { trustedIps: null });
    expect(await act(s, '/callback/settings', { url, token, encodingAESKey })).toMatchObject({
      saved: true,
    });
    await recheck(page);
    await page.getByTestId('callback-verified-at').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="check-callback"][data-status="ok"]').waitFor();
    expect(await page.getByTestId('check-summary').innerText()).toContain('全部检查通过');

    await page.getByTestId('wizard-next').last().click();
    await page.getByTestId('step-sync').waitFor();
    await page.locator('[data-testid="sync-progress"][data-status="done"]').waitFor({
      timeout: 60_000,
    });
    expect(await page.getByTestId('sync-phase-staff').innerText()).toContain('完成');
    await saveScreenshot(page, 'fresh-install-sync-done');
    await expectNoMissingKeys(page);
    await page.getByTestId('wizard-done').click();
    await page.waitForURL('**/dashboard');
    await page.getByTestId('corp-switcher').waitFor();
    expect(await page.getByTestId('header-user').innerText()).toBe('店长老周');
  }, 150_000);
});
