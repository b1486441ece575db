import { describe, expect, it } from 'vitest';
import { accounts, mockApi, usesRealApi } from './support/api';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, menuEntries, signIn } from './support/console';
import { ADMIN_MENU_EN, MENUS_BY_ROLE } from './support/menus';

const browser = useBrowserPage({ viewport: { width: 1280, height: 800 } });

describe('admin-web sign-in (mocked API)', () => {
  it('a wrong password says so in Chinese and stays on /login', async () => {
    const { page } = browser;
    await mockApi(page);
    await signIn(page, { username: accounts.admin.username, password: 'wrong-password' });
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('用户名或密码错误。');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectNoMissingKeys(page);
  });

  it('empty fields are caught before anything is sent', async () => {
    const { page } = browser;
    await mockApi(page);
    let loginCalls = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/auth/login')) loginCalls += 1;
    });
    await page.goto('/login');
    await page.getByTestId('login-submit').click();
    await page.getByText('请输入用户名。').waitFor();
    await page.getByText('请输入密码。').waitFor();
    expect(loginCalls).toBe(0);
  });

  it('the right password lands on the dashboard, with the user in the header, after a reload too', async () => {
    const { page } = browser;
    await mockApi(page);
    await signIn(page, accounts.admin);
    await page.waitForURL('**/dashboard');
    const name = page.getByTestId('header-user');
    await name.waitFor();
    expect(await name.innerText()).toBe(accounts.admin.user.displayName);
    expect(await page.getByTestId('header-role').innerText()).toBe('管理员');
    if (!usesRealApi) {
      await page.getByTestId('service-database').waitFor();
      expect(await page.getByTestId('service-database').innerText()).toBe('正常');
    }
    expect(await menuEntries(page)).toEqual(MENUS_BY_ROLE.admin);
    expect(await page.title()).toBe('数据概览 · 企微 SCRM');
    await saveScreenshot(page, 'dashboard-admin-1280');

    await page.reload();
    await name.waitFor();
    expect(await name.innerText()).toBe(accounts.admin.user.displayName);
    await expectNoMissingKeys(page);
  });

  it('each role sees its menus; a viewer opening an admin page gets a 403 that says why', async () => {
    const { page } = browser;
    await mockApi(page);
    await signIn(page, accounts.viewer);
    await page.waitForURL('**/dashboard');
    expect(await menuEntries(page)).toEqual(MENUS_BY_ROLE.viewer);

    await page.goto('/callback-events');
    const reason = page.getByTestId('forbidden-reason');
    await reason.waitFor();
    expect(new URL(page.url()).pathname).toBe('/403');
    expect(await reason.innerText()).toContain(
      '你在「栖木生活」的角色是「只读」，无权打开此页面。',
    );
    await expectNoMissingKeys(page);
  });

  it('a manager sees channels but not callback events', async () => {
    const { page } = browser;
    await mockApi(page);
    await signIn(page, accounts.manager);
    await page.waitForURL('**/dashboard');
    expect(await menuEntries(page)).toEqual(MENUS_BY_ROLE.manager);
  });

  it('the language switch turns the console English, remembered after a reload', async () => {
    const { page } = browser;
    await mockApi(page);
    await signIn(page, accounts.admin);
    await page.waitForURL('**/dashboard');
    await page.getByTestId('locale-switch').click();
    await page.getByTestId('locale-en').click();
    await page.getByTestId('menu-Customers').getByText('Customers').waitFor();
    expect(await menuEntries(page)).toEqual(ADMIN_MENU_EN);
    await page.reload();
    expect(await menuEntries(page)).toContain('Customers');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectNoMissingKeys(page);
  });

  it.skipIf(usesRealApi)('an expired session goes back to login with a message', async () => {
    const { page } = browser;
    await mockApi(page);
    await signIn(page, accounts.admin);
    await page.waitForURL('**/dashboard');
    // the server forgets the token (restart, revoked): the next call answers 401
    await page.evaluate(() => {
      const raw = localStorage.getItem('scrm.admin.accessToken')!;
      localStorage.setItem(
        'scrm.admin.accessToken',
        raw.replace(/e2e-token-[a-z]+-\d+/, 'e2e-token-gone'),
      );
    });
    await page.reload();
    await page.getByTestId('login-expired').waitFor();
    expect(await page.getByTestId('login-expired').innerText()).toContain(
      '登录已过期，请重新登录。',
    );
  });

  it.skipIf(usesRealApi)('a rate-limited login says to wait', async () => {
    const { page } = browser;
    await mockApi(page, { loginRateLimit: 0 });
    await signIn(page, accounts.admin);
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('登录尝试过于频繁');
  });
});
