import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, signIn } from './support/console';
import { act, apiGet, apiToken, type RealStack } from './support/stack';

/**
 * The first-run wizard's checks and first sync in the real built console, on the real server and
 * sandbox: each failure the sandbox acts out shows its sentence, the wizard waits for WeCom's
 * callback verification and shows when it arrived, then the sync finishes, on the installed stack
 * (its admin and corp exist). A fresh installation from the first-admin step is
 * fresh-install.e2e.ts.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage({ viewport: { width: 1280, height: 900 } });

const RESET = {
  trustedIps: null,
  appCustomerContact: true,
  appVisibleUserIds: null,
  callbackVerification: 'send',
};

async function recheck(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/check') && r.request().method() === 'POST'),
    page.getByTestId('check-run').click(),
  ]);
}

const sentence = (page: Page, key: string) =>
  page.getByTestId(`check-${key}`).getByTestId('check-sentence').innerText();

describe.skipIf(!stack)('the first-run wizard on the real server and sandbox', () => {
  afterAll(async () => {
    if (stack) await act(stack, '/config', RESET);
  });

  it('shows each failure the sandbox acts out with its sentence, then waits for the verification and the sync', async () => {
    const { page } = browser;
    const s = stack!;
    await signIn(page, s.accounts.admin);
    await page.waitForURL('**/dashboard');
    await page.goto('/setup');
    // signed in with a corp registered: straight to the checks
    await page.getByTestId('step-check').waitFor();
    await page.getByTestId('check-summary').waitFor();

    await act(s, '/config', { trustedIps: ['203.0.113.7'] });
    await recheck(page);
    await page.locator('[data-testid="check-trustedIp"][data-status="failed"]').waitFor();
    expect(await sentence(page, 'trustedIp')).toContain('企业可信IP');
    expect(await page.getByTestId('check-egress-ip').innerText()).toBe(
      '本服务器的出口 IP：127.0.0.1',
    );
    await saveScreenshot(page, 'setup-wizard-60020');

    await act(s, '/config', { trustedIps: null, appCustomerContact: false });
    await recheck(page);
    await page.locator('[data-testid="check-customerContact"][data-status="failed"]').waitFor();
    expect(await sentence(page, 'customerContact')).toContain('可调用接口的应用');

    await act(s, '/config', { appCustomerContact: true, appVisibleUserIds: [] });
    await recheck(page);
    await page.locator('[data-testid="check-customerContact"][data-status="failed"]').waitFor();
    expect(await sentence(page, 'customerContact')).toContain('可见范围');

    // WeCom never sends the GET: the check stays pending
    await act(s, '/config', { appVisibleUserIds: null, callbackVerification: 'never' });
    const token = await apiToken(s, 'admin');
    const callback = await apiGet<{ url: string; token: string; encodingAESKey: string }>(
      s,
      `/api/setup/corps/${s.corpId}/callback`,
      token,
    );
    const settings = {
      url: `${s.apiUrl}/wecom/callback/${s.corpId}`,
      token: callback.token,
      encodingAESKey: callback.encodingAESKey,
    };
    expect(await act(s, '/callback/settings', settings)).toMatchObject({ saved: false });
    await recheck(page);
    await page.locator('[data-testid="check-callback"][data-status="pending"]').waitFor();
    expect(await sentence(page, 'callback')).toContain('接收消息 → 设置API接收');
    expect(await page.getByTestId('wizard-next').last().isDisabled()).toBe(true);

    // the admin saves in WeCom and WeCom verifies: the wizard (polling) shows when it arrived
    await act(s, '/config', { callbackVerification: 'send' });
    expect(await act(s, '/callback/settings', settings)).toMatchObject({ saved: true });
    await page.getByTestId('callback-verified-at').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="check-callback"][data-status="ok"]').waitFor();
    expect(await page.getByTestId('check-summary').innerText()).toContain('全部检查通过');
    await saveScreenshot(page, 'setup-wizard-checks-ok');

    await page.getByTestId('wizard-next').last().click();
    await page.getByTestId('step-sync').waitFor();
    await page.locator('[data-testid="sync-progress"][data-status="done"]').waitFor({
      timeout: 60_000,
    });
    expect(await page.getByTestId('sync-phase-staff').innerText()).toContain('完成');
    await saveScreenshot(page, 'setup-wizard-sync-done');
    await expectNoMissingKeys(page);
    await page.getByTestId('wizard-done').click();
    await page.waitForURL('**/dashboard');
  });
});
