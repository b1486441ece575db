import { describe, expect, inject, it } from 'vitest';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, menuEntries, signIn } from './support/console';
import { MENUS_BY_ROLE } from './support/menus';
import { act, apiGet, apiToken, type RealStack } from './support/stack';

/**
 * A WeCom member signs in to the console by WeCom's web login (the sandbox's login page), with
 * the role an admin granted in Settings → 员工登录; when the member leaves the corp (delete_user)
 * their session ends: the next navigation goes back to login.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage({ viewport: { width: 1280, height: 900 } });

const MEMBER = { userId: 'chenjing', name: '陈静' };

describe.skipIf(!stack)('staff web login on the real server and sandbox', () => {
  it('a member granted 运营 signs in by WeCom, sees its menus, and delete_user ends the session', async () => {
    const { page } = browser;
    const s = stack!;

    // the admin grants the member the manager role in Settings → 员工登录
    await signIn(page, s.accounts.admin);
    await page.waitForURL('**/dashboard');
    await page.goto('/settings');
    await page.getByRole('tab', { name: '员工登录' }).click();
    await page.getByTestId('settings-staff-access').waitFor();
    await page.getByTestId('staff-access-pick').click();
    await page.getByRole('option', { name: `${MEMBER.name}（${MEMBER.userId}）` }).click();
    await page.getByTestId('staff-access-role').click();
    await page.getByRole('option', { name: '运营', exact: true }).click();
    await page.getByTestId('staff-access-grant').click();
    await page.getByTestId('staff-access-table').getByText(`（${MEMBER.userId}）`).waitFor();
    await saveScreenshot(page, 'staff-web-login-granted');
    const token = await apiToken(s, 'admin');
    expect(
      await apiGet<Array<{ userId: string; role: string }>>(
        s,
        `/api/admin/corps/${s.corpId}/staff-roles`,
        token,
      ),
    ).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: MEMBER.userId, role: 'manager' })]),
    );
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');

    // the member: the login page's WeCom entry → the sandbox's login page → back with a code
    await page.getByTestId('wecom-login').click();
    await page.waitForURL(`${s.sandboxUrl}/wwlogin/sso/login**`);
    await saveScreenshot(page, 'staff-web-login-sandbox');
    await page.locator(`a[data-userid="${MEMBER.userId}"]`).click();
    await page.waitForURL('**/dashboard');
    await page.getByTestId('header-user').waitFor();
    expect(await page.getByTestId('header-user').innerText()).toContain(MEMBER.name);
    expect(await page.getByTestId('header-role').innerText()).toBe('运营');
    expect(await menuEntries(page)).toEqual(MENUS_BY_ROLE.manager);
    await page.getByTestId('menu-Customers').click();
    await page.waitForURL('**/customers');
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, 'staff-web-login-signed-in');
    await expectNoMissingKeys(page);

    // the member leaves the corp in WeCom: delete_user reaches the server
    await act(s, `/users/${MEMBER.userId}/leave`, {});
    await expect
      .poll(
        async () =>
          (
            await apiGet<Array<{ userId: string }>>(
              s,
              `/api/admin/corps/${s.corpId}/staff-roles`,
              token,
            )
          ).some((r) => r.userId === MEMBER.userId),
        { timeout: 30_000, interval: 500 },
      )
      .toBe(false);

    // the next navigation: back to login, saying the session ended
    await page.getByTestId('menu-Channels').click();
    await page.waitForURL('**/login**');
    await page.getByTestId('login-expired').waitFor();
    expect(await page.getByTestId('login-expired').innerText()).toContain('登录已过期');
    await saveScreenshot(page, 'staff-web-login-ended');

    // the session is gone for good: opening a console page lands on login too
    await page.goto('/dashboard');
    await page.waitForURL('**/login**');
  }, 90_000);
});
