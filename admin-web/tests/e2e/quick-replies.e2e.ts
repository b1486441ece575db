import { describe, expect, inject, it } from 'vitest';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, signIn } from './support/console';
import { apiGet, apiToken, type RealStack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Quick replies on the real console, server and sandbox: a manager creates a folder visible to
 * one department and a text reply in it; a guide of that department then sees it through the
 * sidebar's API, and a guide outside the department does not.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage({ viewport: { width: 1440, height: 900 } });

/** A sidebar session for a member, the way WeCom's OAuth gives one (the sandbox's login). */
async function sidebarToken(s: RealStack, userid: string): Promise<string> {
  const login = new URL(`${s.sandboxUrl}/connect/oauth2/sandbox-login`);
  login.search = new URLSearchParams({
    userid,
    redirect_uri: 'http://127.0.0.1:5174/',
    state: 's1',
    scope: 'snsapi_base',
  }).toString();
  const res = await fetch(login, { redirect: 'manual' });
  const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
  const session = await fetch(`${s.apiUrl}/api/sidebar/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(session.status).toBe(200);
  return ((await session.json()) as Json).token;
}

describe.skipIf(!stack)(
  `quick replies on the real server and sandbox${stack ? '' : ` (skipped: ${inject('stackSkipped')})`}`,
  () => {
    it('a manager makes a folder for one department; a guide there sees it in the sidebar, others do not', async () => {
      const { page } = browser;
      const s = stack!;
      const admin = await apiToken(s, 'admin');
      const departments = await apiGet<Json[]>(
        s,
        `/api/admin/departments?corpId=${s.corpId}`,
        admin,
      );
      const staff = (await apiGet<Json[]>(s, `/api/admin/staff?corpId=${s.corpId}`, admin)).filter(
        (m) => m.customerContact && m.wecomStatus === 1 && !m.departedAt,
      );
      const parentOf = new Map(departments.map((d) => [d.id as number, d.parentId as number]));
      const under = (d: number, root: number) => {
        for (let id: number | undefined = d; id; id = parentOf.get(id))
          if (id === root) return true;
        return false;
      };
      // a department (not the root) with a guide in it and a guide outside it
      let pick: { dept: Json; inside: Json; outside: Json } | undefined;
      for (const dept of departments.filter((d) => d.parentId !== 0)) {
        const inside = staff.find((m) =>
          (m.departmentIds as number[]).some((d) => under(d, dept.id)),
        );
        const outside = staff.find(
          (m) => !(m.departmentIds as number[]).some((d) => under(d, dept.id)),
        );
        if (inside && outside && departments.filter((d) => d.name === dept.name).length === 1) {
          pick = { dept, inside, outside };
          break;
        }
      }
      expect(pick, 'the demo corp has a department with guides inside and outside it').toBeTruthy();
      const { dept, inside, outside } = pick!;
      const folderName = `${dept.name}专属-${Date.now().toString(36).slice(-4)}`;

      await signIn(page, s.accounts.manager);
      await page.waitForURL('**/dashboard');
      await page.getByTestId('menu-QuickReplies').click();
      await page.waitForURL('**/quick-replies');
      await page.getByTestId('qr-new-folder').click();
      await page.getByTestId('qr-folder-name').fill(folderName);
      await page.getByTestId('qr-folder-scoped').click();
      // the select and its dropdown's tree both carry the test id
      await page.getByTestId('qr-folder-departments').first().click();
      const tree = page.locator('[role="tree"][data-testid="qr-folder-departments"]');
      await tree
        .locator('.el-tree-node__content', { has: page.getByText(dept.name, { exact: true }) })
        .locator('.el-checkbox')
        .click();
      await page.locator('.el-dialog').getByText('可见范围').click(); // closes the dropdown
      await saveScreenshot(page, 'quick-reply-folder-form');
      await page.getByTestId('qr-folder-save').click();
      await page.getByTestId('qr-folder-save').waitFor({ state: 'hidden' });
      const folderRow = page.getByTestId('qr-folders').getByText(folderName);
      await folderRow.waitFor();
      expect(await page.getByTestId('qr-folders').locator('.folder--active').innerText()).toContain(
        dept.name,
      );

      await page.getByTestId('qr-new-item').click();
      await page.getByTestId('qr-item-title').fill('到店礼');
      await page.getByTestId('qr-item-content').fill('本周到店即送精美礼品一份，凭此消息领取～');
      await page.getByTestId('qr-item-save').click();
      await page.getByTestId('qr-item-save').waitFor({ state: 'hidden' });
      await page.getByTestId('qr-item-table').getByText('本周到店即送精美礼品').waitFor();
      await saveScreenshot(page, 'quick-replies-1440');
      // the items table fits its card: no sideways scroll, the fixed 操作 column over nothing
      for (const width of [1440, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await expect
          .poll(() =>
            page.getByTestId('qr-item-table').evaluate((table) => {
              const header = (text: string) =>
                [...table.querySelectorAll<HTMLElement>('.el-table__header th')]
                  .find((th) => th.innerText.trim() === text)!
                  .getBoundingClientRect();
              return {
                scrollsSideways: table.classList.contains('el-table--scrollable-x'),
                // the fixed 操作 column starts where 最近使用 ends, not over it
                actionsOverLastUsed: header('操作').left < header('最近使用').right - 1,
              };
            }),
          )
          .toEqual({ scrollsSideways: false, actionsOverLastUsed: false });
      }
      await saveScreenshot(page, 'quick-replies-1280');
      await page.setViewportSize({ width: 1440, height: 900 });
      await expectNoMissingKeys(page);

      const seenBy = async (userid: string) => {
        const res = await fetch(`${s.apiUrl}/api/sidebar/quick-replies`, {
          headers: { Authorization: `Bearer ${await sidebarToken(s, userid)}` },
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as Json).folders as Json[];
      };
      const theirs = (await seenBy(inside.userId)).find((f) => f.name === folderName);
      expect(theirs?.items).toEqual([
        expect.objectContaining({
          kind: 'text',
          title: '到店礼',
          content: '本周到店即送精美礼品一份，凭此消息领取～',
        }),
      ]);
      expect((await seenBy(outside.userId)).map((f) => f.name)).not.toContain(folderName);
    }, 120_000);
  },
);
