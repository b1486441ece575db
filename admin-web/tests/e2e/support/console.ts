import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Account } from './api';

/** Signs in through the login form (in Chinese, the default language). */
export async function signIn(page: Page, account: Pick<Account, 'username' | 'password'>) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('密码').fill(account.password);
  await page.getByTestId('login-submit').click();
}

/** The side menu's entries as shown. */
export async function menuEntries(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await menu.getByRole('menuitem').first().waitFor();
  return (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.trim());
}

/** Opens a section by its menu entry (the route's name, e.g. `Customers`). */
export async function openSection(page: Page, name: string) {
  await page.getByTestId(`menu-${name}`).click();
}

/** The i18n keys the page asked for and the messages lack (vue-i18n's missing handler). */
export async function missingI18nKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __scrmMissingI18n?: string[] }).__scrmMissingI18n ?? [],
  );
}

export async function expectNoMissingKeys(page: Page) {
  expect(await missingI18nKeys(page)).toEqual([]);
}
