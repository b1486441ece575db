import { describe, expect, inject, it } from 'vitest';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, openSection, signIn } from './support/console';
import { act, type RealStack } from './support/stack';

/**
 * 客户继承 in the real console, on the real server and the sandbox: a guide leaves with 30
 * customers and a group; the admin hands them over from the departures list, previews, starts,
 * and watches them reach final states (three refuse, the rest are taken over once the sandbox's
 * business clock passes 24 h); the refused ones are re-routed to a second colleague.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage({ viewport: { width: 1440, height: 900 } });
const CUSTOMERS = 30;

describe.skipIf(!stack)('客户继承 on the real server and sandbox', () => {
  it('hands a departed guide’s customers to a successor and follows them to the end', async () => {
    const s = stack!;
    const { page } = browser;
    const suffix = Date.now().toString(36).slice(-4);
    const leaver = `leaver_${suffix}`;
    const heir = `heir_${suffix}`;
    const heir2 = `heir2_${suffix}`;
    for (const [userid, name] of [
      [leaver, '离职导购'],
      [heir, '接替导购'],
      [heir2, '第二接替'],
    ])
      await act(s, '/users', { userid, name, department: [1], customerContact: true });
    const customers: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++)
      customers.push(
        (
          await act<{ externalUserId: string }>(s, '/customers/add-staff', {
            userId: leaver,
            customer: { name: `继承客户${i}` },
          })
        ).externalUserId,
      );
    await act(s, '/groups', {
      ownerUserId: leaver,
      name: '离职导购的群',
      externalUserIds: customers.slice(0, 3),
    });
    await act(s, `/users/${leaver}/leave`, {});

    await signIn(page, s.accounts.admin);
    await page.waitForURL('**/dashboard');
    await openSection(page, 'Transfers');
    await page.waitForURL('**/transfers');
    // the departures list: read WeCom's unassigned list until the guide is there with 30
    const row = page.getByTestId('departures-table').locator('tr', { hasText: leaver });
    for (let i = 0; i < 30 && !(await row.getByText(String(CUSTOMERS)).count()); i++) {
      await page.getByTestId('departures-refresh').click();
      await page.waitForTimeout(1000);
    }
    await row.getByText(String(CUSTOMERS), { exact: true }).waitFor();
    await saveScreenshot(page, 'transfers-departures');

    await page.getByTestId(`assign-${leaver}`).click();
    await page.waitForURL('**/transfers/new**');
    await page.getByTestId('plan-successor').click();
    await page.getByRole('option', { name: `接替导购（${heir}）` }).click();
    await page.getByTestId('plan-preview').click();
    await page
      .getByTestId('plan-summary')
      .getByText(`共 ${CUSTOMERS} 位客户、1 个客户群`)
      .waitFor();
    await saveScreenshot(page, 'transfers-plan');

    await page.getByTestId('plan-start').click();
    await page
      .getByTestId('start-confirm-text')
      .getByText('将 30 位客户和 1 个客户群转接出去')
      .waitFor();
    await page.getByTestId('start-confirm').click();
    await page.waitForURL(/\/transfers\/\d+$/);
    await page
      .getByTestId('count-waiting')
      .getByText(`等待接替 ${CUSTOMERS}`)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('count-accepted').getByText('已接替 1').waitFor(); // the group

    for (const id of customers.slice(0, 3))
      await act(s, '/transfers/respond', { externalUserId: id, accept: false });
    await page.getByTestId('count-refused').getByText('客户拒绝 3').waitFor({ timeout: 30_000 });
    await act(s, '/clock/advance', { seconds: 86_400 + 60 });
    await page.getByTestId('refresh-results').click();
    await page
      .getByTestId('count-accepted')
      .getByText(`已接替 ${CUSTOMERS - 3 + 1}`)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('transfer-status').getByText('已结束').waitFor();
    const refusedRow = page
      .getByTestId('transfer-items')
      .locator('tr', { hasText: '客户拒绝' })
      .first();
    await refusedRow.getByText('客户拒绝了转接').waitFor();
    await saveScreenshot(page, 'transfers-detail-refused');

    // re-route the three to a second colleague, in one action
    await page.getByTestId('retry-successor').click();
    await page.getByRole('option', { name: `第二接替（${heir2}）` }).click();
    await page.getByTestId('retry-button').click();
    await page.getByTestId('count-waiting').getByText('等待接替 3').waitFor({ timeout: 30_000 });
    await act(s, '/clock/advance', { seconds: 86_400 + 60 });
    await page.getByTestId('refresh-results').click();
    await page
      .getByTestId('count-accepted')
      .getByText(`已接替 ${CUSTOMERS + 1}`)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('transfer-status').getByText('已结束').waitFor();
    expect(await page.getByTestId('count-refused').count()).toBe(0);
    await saveScreenshot(page, 'transfers-detail-done');
    await expectNoMissingKeys(page);
  }, 240_000);
});
