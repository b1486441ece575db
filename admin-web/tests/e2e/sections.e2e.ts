import { describe, expect, it } from 'vitest';
import { accounts, fixtures, mockApi, usesRealApi } from './support/api';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, openSection, signIn } from './support/console';

const browser = useBrowserPage({ viewport: { width: 1440, height: 900 } });

describe('admin-web sections (mocked API)', () => {
  it.skipIf(usesRealApi)(
    'an admin sees callback event counts and a failed row, and replays it',
    async () => {
      const { page } = browser;
      const api = await mockApi(page);
      await signIn(page, accounts.admin);
      await page.waitForURL('**/dashboard');
      await openSection(page, 'CallbackEvents');
      await page.waitForURL('**/callback-events');

      const row = page.getByTestId('event-row-1002');
      await row.waitFor();
      expect(await page.getByTestId('count-failed').innerText()).toContain('1');
      expect(await page.getByTestId('count-done').innerText()).toContain('41');
      expect(await row.innerText()).toContain('添加客户');
      expect(await page.getByTestId('replay-1001').count()).toBe(0);

      // type and status are selects with Chinese labels
      await page.getByTestId('filter-status').click();
      await page.getByRole('option', { name: '失败' }).click();
      await expect
        .poll(
          () =>
            api.requests.filter((r) => r.path === '/api/admin/callback-events').at(-1)?.query
              .status,
        )
        .toBe('failed');

      const replay = page.waitForRequest(
        (r) => r.method() === 'POST' && r.url().endsWith('/api/admin/callback-events/1002/replay'),
      );
      await page.getByTestId('replay-1002').click();
      await replay;
      await page.getByText('已重新处理 1 个事件').waitFor();
      await saveScreenshot(page, 'callback-events-1440');
      await expectNoMissingKeys(page);
    },
  );

  it.skipIf(usesRealApi)(
    'a manager opens a customer: the channel by name, tags by group, the timeline in sentences',
    async () => {
      const { page } = browser;
      await mockApi(page);
      await signIn(page, accounts.manager);
      await page.waitForURL('**/dashboard');
      await openSection(page, 'Customers');
      await page.waitForURL('**/customers');

      const row = page.getByTestId(`customer-row-${fixtures.customer.externalUserId}`);
      await row.waitFor();
      expect(await row.innerText()).toContain('李雷');
      // no avatar URL: initials, not a broken image
      expect(await row.getByTestId('avatar-initials').innerText()).toBe('雷');
      await page
        .getByTestId(`customer-channel-${fixtures.customer.externalUserId}`)
        .getByText('静安店柜台')
        .waitFor();

      await row.click();
      const timeline = page.getByTestId('detail-timeline');
      await timeline.waitFor();
      await timeline.getByText('11-01 10:00 通过「静安店柜台」添加了 张伟').waitFor();
      expect(await timeline.innerText()).toContain('11-02 11:00 张伟 打上标签 「VIP」');
      expect(await page.getByTestId('detail-tags').innerText()).toContain('等级');
      await saveScreenshot(page, 'customer-detail-1440');
      await expectNoMissingKeys(page);
    },
  );
});

describe('every page in Chinese, at 1280 and 1440 px (mocked API)', () => {
  const pages = [
    '/dashboard',
    '/customers',
    '/channels',
    '/channels/new',
    '/groups',
    '/staff',
    '/callback-events',
  ];

  it.skipIf(usesRealApi)(
    'renders each page with no missing key and nothing wider than the window',
    async () => {
      const { page } = browser;
      await mockApi(page);
      await signIn(page, accounts.admin);
      await page.waitForURL('**/dashboard');
      let tallest = 0;
      for (const width of [1280, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of pages) {
          await page.goto(path);
          await page.getByTestId('main-menu').waitFor();
          await page.waitForLoadState('networkidle');
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
          await saveScreenshot(page, `page${path.replace(/\//g, '-')}-${width}`);
          // the side menu's background runs the whole page, and the menu stays in view at the
          // bottom of a page taller than the window
          const layout = await page.evaluate(async () => {
            const height = (selector: string) =>
              document.querySelector(selector)?.getBoundingClientRect().height ?? 0;
            window.scrollTo(0, document.documentElement.scrollHeight);
            await new Promise((done) => requestAnimationFrame(done));
            const menu = document
              .querySelector('[data-testid="main-menu"]')
              ?.getBoundingClientRect();
            return {
              aside: height('.layout__aside'),
              content: height('.layout__main'),
              page: document.documentElement.scrollHeight,
              window: window.innerHeight,
              menuTop: menu?.top ?? -1,
            };
          });
          expect(layout.aside, `${path} at ${width}px: aside`).toBeGreaterThanOrEqual(
            // scrollHeight is rounded to whole pixels
            Math.max(layout.content, layout.page - 1),
          );
          expect(layout.menuTop, `${path} at ${width}px: menu in view`).toBeGreaterThanOrEqual(0);
          tallest = Math.max(tallest, layout.page - layout.window);
        }
      }
      // at least one page (the channel form) is taller than the window: the check above bites
      expect(tallest).toBeGreaterThan(200);
      await expectNoMissingKeys(page);
    },
    120_000, // fourteen pages, each to network idle
  );
});
