import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accounts, fixtures, mockApi, usesRealApi, type Account } from './support/api';
import { useBrowserPage } from './support/browser';

const browser = useBrowserPage({ viewport: { width: 1280, height: 800 } });

async function signIn(page: Page, account: Pick<Account, 'username' | 'password'>) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
}

async function openSection(page: Page, title: string) {
  await page.getByTestId('main-menu').getByRole('link', { name: title }).click();
}

describe('admin-web sections', () => {
  it.skipIf(usesRealApi)(
    'an admin sees callback event counts and a failed row, and replays it',
    async () => {
      const { page } = browser;
      const api = await mockApi(page);

      await signIn(page, accounts.admin);
      await openSection(page, 'Callback events');
      await page.waitForURL('**/callback-events');

      const failed = page.getByTestId('count-failed');
      await failed.waitFor();
      await page.getByTestId('event-row-1002').waitFor();
      expect(await failed.innerText()).toContain('1');
      expect(await page.getByTestId('count-done').innerText()).toContain('41');
      const row = page.getByTestId('event-row-1002');
      expect(await row.innerText()).toContain('failed');
      expect(await row.innerText()).toContain('WeCom API 60011');
      expect(await page.getByTestId('replay-1001').count()).toBe(0);

      await row.click();
      expect(await page.getByTestId('event-payload').innerText()).toContain('wm_1002');

      const replay = page.waitForRequest(
        (request) =>
          request.method() === 'POST' &&
          request.url().endsWith('/api/admin/callback-events/1002/replay'),
      );
      await page.getByTestId('replay-1002').click();
      await replay;
      await page.getByText('Replayed 1 event.').waitFor();
      await expect
        .poll(
          () => api.requests.filter((r) => r.path === '/api/admin/callback-events/counts').length,
        )
        .toBe(2);
      await page.screenshot({ path: '/tmp/admin-web-callback-events.png' });
    },
  );

  it.skipIf(usesRealApi)(
    "a viewer opens Customers, sees a customer and opens the customer's timeline",
    async () => {
      const { page } = browser;
      const api = await mockApi(page);

      await signIn(page, accounts.viewer);
      await openSection(page, 'Customers');
      await page.waitForURL('**/customers');

      const row = page.getByTestId(`customer-row-${fixtures.customer.externalUserId}`);
      await row.waitFor();
      expect(await row.innerText()).toContain('李雷');
      expect(await row.innerText()).toContain('张伟 (静安老客户)');
      const list = api.requests.find((r) => r.path === '/api/admin/customers');
      expect(list?.query.corpId).toBe('wwe2e0000corp01');

      await row.getByText('李雷').click();
      const timeline = page.getByTestId('detail-timeline');
      await timeline.waitFor();
      expect(await timeline.innerText()).toContain('tag_added');
      expect(await timeline.innerText()).toContain('customer_added');
      expect(await page.getByTestId('detail-tags').innerText()).toContain('VIP');
      await page.screenshot({ path: '/tmp/admin-web-customers.png' });
    },
  );

  it('a viewer has no Callback events menu entry', async () => {
    const { page } = browser;
    await mockApi(page);

    await signIn(page, accounts.viewer);
    const menu = page.getByTestId('main-menu');
    await menu.getByRole('link').first().waitFor();
    const entries = (await menu.getByRole('link').allInnerTexts()).map((text) => text.trim());
    expect(entries).toContain('Customers');
    expect(entries).not.toContain('Callback events');
    expect(entries).not.toContain('Channels');
  });
});
