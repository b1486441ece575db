import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, menuEntries, signIn } from './support/console';
import { MENUS_BY_ROLE } from './support/menus';
import { act, apiGet, apiToken, type RealStack } from './support/stack';

/**
 * Against the real built console, the real API + worker and the WeCom sandbox (started by
 * globalSetup): nothing is intercepted here.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage({ viewport: { width: 1440, height: 900 } });

async function signInAs(page: Page, role: keyof RealStack['accounts']) {
  await signIn(page, stack!.accounts[role]);
  await page.waitForURL('**/dashboard');
  await page.getByTestId('corp-switcher').waitFor();
}

describe.skipIf(!stack)(
  `the console on the real server and sandbox${stack ? '' : ` (skipped: ${inject('stackSkipped')})`}`,
  () => {
    it('each role sees its menus, in Chinese, on the real server', async () => {
      const { page } = browser;
      const seen: Record<string, string[]> = {};
      for (const role of ['admin', 'manager', 'viewer'] as const) {
        await signInAs(page, role);
        seen[role] = await menuEntries(page);
        await page.getByTestId('user-menu').click();
        await page.getByTestId('logout').click();
        await page.waitForURL('**/login');
      }
      expect(seen).toEqual(MENUS_BY_ROLE);
      await expectNoMissingKeys(page);
    }, 90_000); // three sign-ins and sign-outs: 30 s is short on a busy machine

    it('a manager creates a channel in the form; a customer scans it and appears with the channel, its tag and the welcome', async () => {
      const { page } = browser;
      const s = stack!;
      const channelName = `静安店柜台-${Date.now().toString(36).slice(-4)}`;
      await signInAs(page, 'manager');
      await page.getByTestId('menu-Channels').click();
      await page.getByTestId('channel-create').click();
      await page.waitForURL('**/channels/new');

      await page.getByTestId('channel-name').fill(channelName);
      await page.getByTestId('channel-pick-staff').click();
      await page.getByTestId('pick-zhangwei').click();
      await page.getByTestId('staff-picker-confirm').click();
      // the pre-check next to the staff member, before saving
      expect(await page.getByTestId('precheck-zhangwei').innerText()).toBe('可以使用');

      await page.getByTestId('channel-tags').click();
      await page.getByRole('option', { name: '金卡会员' }).click();
      await page.keyboard.press('Escape');
      await page
        .getByTestId('channel-welcome')
        .fill('{{name|朋友}}您好，我是{{staff}}，欢迎光临！');
      // the live preview: the customer's name and the staff member's filled in
      await page.getByTestId('preview-customer').fill('李雷');
      await page
        .getByTestId('welcome-preview-text')
        .getByText('李雷您好，我是张伟，欢迎光临！')
        .waitFor();
      await saveScreenshot(page, 'real-channel-form');

      await page.getByTestId('channel-save').click();
      await page.waitForURL('**/channels');
      await page.getByTestId('channels-table').getByText(channelName).waitFor();
      await saveScreenshot(page, 'real-channels');

      // a customer scans the new code in WeCom (the sandbox)
      const token = await apiToken(s, 'manager');
      const channels = await apiGet<Array<{ id: string; name: string; configId: string }>>(
        s,
        `/api/admin/channels?corpId=${s.corpId}`,
        token,
      );
      const channel = channels.find((c) => c.name === channelName)!;
      const customerName = `顾客${Date.now().toString(36).slice(-4)}`;
      const scan = await act<{ externalUserId: string; userId: string }>(s, '/customers/scan', {
        configId: channel.configId,
        customer: { name: customerName },
      });
      expect(scan.userId).toBe('zhangwei');

      await page.getByTestId('menu-Customers').click();
      await page.waitForURL('**/customers');
      const row = page.getByTestId(`customer-row-${scan.externalUserId}`);
      const timelineSentence = `通过「${channelName}」添加了 张伟，已发送欢迎语`;
      await expect
        .poll(
          async () => {
            await page.getByTestId('filter-q').fill(customerName);
            await page.keyboard.press('Enter');
            await page.waitForLoadState('networkidle');
            if (!(await row.isVisible())) return 'no row';
            await row.click();
            const timeline = page.getByTestId('detail-timeline');
            await timeline.waitFor();
            await page.waitForLoadState('networkidle');
            const text = await timeline.innerText();
            const tags = await page.getByTestId('detail-tags').innerText();
            await page.keyboard.press('Escape');
            return text.includes(timelineSentence) && tags.includes('金卡会员') ? 'done' : text;
          },
          { timeout: 45_000, interval: 1000 },
        )
        .toBe('done');

      expect(await page.getByTestId(`customer-channel-${scan.externalUserId}`).innerText()).toBe(
        channelName,
      );
      await row.click();
      await page.getByTestId('detail-timeline').getByText(timelineSentence).waitFor();
      expect(await page.getByTestId('detail-channel').first().innerText()).toBe(channelName);
      await saveScreenshot(page, 'real-customer-detail');

      // editing the channel: the server's view of the member now, with today's count
      await page.keyboard.press('Escape');
      await page.getByTestId('menu-Channels').click();
      await page.getByTestId(`channel-edit-${channel.id}`).click();
      await page.getByTestId('pool-zhangwei').waitFor();
      expect(await page.getByTestId('pool-zhangwei').innerText()).toContain('今日已分配 1 位');
      await expectNoMissingKeys(page);
    }, 120_000);

    it("an admin sets the corp's time zone in settings and the console's times follow it", async () => {
      const { page } = browser;
      const s = stack!;
      const token = await apiToken(s, 'admin');
      const page1 = await apiGet<{ items: Array<{ externalUserId: string }> }>(
        s,
        `/api/admin/customers?corpId=${s.corpId}&limit=1`,
        token,
      );
      const customerId = page1.items[0].externalUserId;
      const detail = await apiGet<{ follows: Array<{ addedAt: string }> }>(
        s,
        `/api/admin/customers/${s.corpId}/${customerId}`,
        token,
      );
      const addedAt = new Date(detail.follows[0].addedAt);
      const shown = (zone: string) =>
        new Intl.DateTimeFormat('sv-SE', {
          timeZone: zone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        }).format(addedAt);
      const followsText = async () => {
        await page.goto('/customers');
        await page.getByTestId(`customer-row-${customerId}`).click();
        await page.getByTestId('detail-follows').waitFor();
        return page.getByTestId('detail-follows').innerText();
      };
      try {
        await signInAs(page, 'admin');
        expect(await followsText()).toContain(shown('Asia/Shanghai'));

        await page.goto('/settings');
        await page.getByTestId('settings-time-zone').click();
        await page.keyboard.type('Asia/Tokyo');
        await page.getByRole('option', { name: 'Asia/Tokyo', exact: true }).click();
        await page.getByTestId('settings-save').click();
        await page.getByText('已保存').first().waitFor();
        const corp = await apiGet<{ timeZone: string }>(s, `/api/admin/corps/${s.corpId}`, token);
        expect(corp.timeZone).toBe('Asia/Tokyo');
        // Tokyo is an hour ahead of Shanghai: the same instant, an hour later on the page
        expect(await followsText()).toContain(shown('Asia/Tokyo'));
        await saveScreenshot(page, 'real-time-zone-tokyo');
      } finally {
        // the other tests count days in Asia/Shanghai
        await fetch(`${s.apiUrl}/api/admin/corps/${s.corpId}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ timeZone: 'Asia/Shanghai' }),
        });
      }
    });

    it('every page renders on real data in Chinese with no missing key', async () => {
      const { page } = browser;
      await signInAs(page, 'admin');
      for (const path of [
        '/dashboard',
        '/customers',
        '/channels',
        '/groups',
        '/staff',
        '/callback-events',
      ]) {
        await page.goto(path);
        await page.getByTestId('main-menu').waitFor();
        await page.waitForLoadState('networkidle');
        await saveScreenshot(page, `real${path.replace(/\//g, '-')}`);
      }
      await page.goto('/staff');
      await page.getByTestId('staff-row-zhangwei').waitFor();
      await page.getByTestId('staff-row-zhangwei').click();
      await page.getByTestId('staff-detail').waitFor();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'real-staff-detail');
      await expectNoMissingKeys(page);
    }, 90_000); // seven pages, each to network idle: 30 s is short on a busy machine
  },
);
