import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accounts, mockApi, usesRealApi, type Account } from './support/api';
import { useBrowserPage } from './support/browser';

const browser = useBrowserPage({ viewport: { width: 1280, height: 800 } });

async function signIn(page: Page, account: Pick<Account, 'username' | 'password'>) {
  await page.goto('/');
  await page.waitForURL('**/login');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function menuEntries(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await menu.getByRole('link').first().waitFor();
  return (await menu.getByRole('link').allInnerTexts()).map((text) => text.trim());
}

describe('admin-web sign-in', () => {
  it("a wrong password shows the server's 401 message and stays on /login", async () => {
    const { page } = browser;
    await mockApi(page);

    await signIn(page, { username: accounts.admin.username, password: 'wrong-password' });

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    if (!usesRealApi) expect(await alert.innerText()).toBe('Invalid username or password');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('empty fields are caught before anything is sent', async () => {
    const { page } = browser;
    await mockApi(page);
    let loginCalls = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/auth/login')) loginCalls += 1;
    });

    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByText('Enter your username.').waitFor();
    await page.getByText('Enter your password.').waitFor();
    expect(loginCalls).toBe(0);
  });

  it('the right password lands on the dashboard with the user and db/redis readiness', async () => {
    const { page } = browser;
    await mockApi(page);

    await signIn(page, accounts.admin);

    await page.waitForURL('**/dashboard');
    const name = page.getByTestId('user-display-name');
    await name.waitFor();
    expect(await name.innerText()).toBe(accounts.admin.user.displayName);
    expect(await page.getByTestId('user-role').innerText()).toBe('admin');

    const database = page.getByTestId('readiness-database');
    const redis = page.getByTestId('readiness-redis');
    await database.waitFor();
    if (usesRealApi) {
      expect(await database.innerText()).toMatch(/up|down/);
      expect(await redis.innerText()).toMatch(/up|down/);
    } else {
      expect((await database.innerText()).trim()).toBe('up');
      expect((await redis.innerText()).trim()).toBe('up');
      expect(await page.getByTestId('readiness-overall').innerText()).toBe('ready');
    }

    expect(await menuEntries(page)).toContain('Settings');
    await page.screenshot({ path: '/tmp/admin-web-dashboard.png' });

    // The session survives a reload (token in localStorage, user from /api/auth/me).
    await page.reload();
    await name.waitFor();
    expect(await name.innerText()).toBe(accounts.admin.user.displayName);
  });

  it.skipIf(usesRealApi)('the dashboard shows redis down when the server says so', async () => {
    const { page } = browser;
    await mockApi(page, {
      readiness: {
        database: { status: 'up' },
        redis: { status: 'down', message: 'connect ECONNREFUSED' },
      },
    });

    await signIn(page, accounts.admin);

    const redis = page.getByTestId('readiness-redis');
    await redis.waitFor();
    expect(await redis.innerText()).toContain('down');
    expect(await redis.innerText()).toContain('connect ECONNREFUSED');
    expect(await page.getByTestId('readiness-overall').innerText()).toBe('not ready');
  });

  it('a viewer sees no Settings menu entry and gets 403 when opening it', async () => {
    const { page } = browser;
    await mockApi(page);

    await signIn(page, accounts.viewer);
    await page.waitForURL('**/dashboard');

    const entries = await menuEntries(page);
    expect(entries).toContain('Dashboard');
    expect(entries).toContain('Customers');
    expect(entries).not.toContain('Settings');

    await page.goto('/settings');
    await page.getByTestId('forbidden').waitFor();
    expect(new URL(page.url()).pathname).toBe('/403');
  });

  it('placeholder sections say they come in a later release', async () => {
    const { page } = browser;
    await mockApi(page);

    await signIn(page, accounts.manager);
    await page.waitForURL('**/dashboard');
    await page.getByTestId('main-menu').getByRole('link', { name: 'Broadcasts' }).click();

    const placeholder = page.getByTestId('coming-soon');
    await placeholder.waitFor();
    expect(await placeholder.innerText()).toContain('coming in a later release');
  });

  it.skipIf(usesRealApi)("a rate-limited login shows the server's 429 message", async () => {
    const { page } = browser;
    await mockApi(page, { loginRateLimit: 0 });

    await signIn(page, accounts.admin);

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Too many sign-in attempts. Try later.');
  });
});
