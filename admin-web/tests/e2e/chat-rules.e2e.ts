import { describe, expect, inject, it } from 'vitest';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, signIn } from './support/console';
import { act, stackDb, type RealStack } from './support/stack';

/**
 * Chat rules on the real console, server and sandbox: an admin writes a rule in the editor (the
 * live test box says it matches), a customer sends a matching message in WeCom (the sandbox's
 * archive, pulled after its msgaudit_notify), and the customer's drawer shows the tag with the
 * sentence that produced it, and the message in the chat history.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage({ viewport: { width: 1440, height: 900 } });

describe.skipIf(!stack)(
  `chat rules on the real server and sandbox${stack ? '' : ` (skipped: ${inject('stackSkipped')})`}`,
  () => {
    it('an admin writes a rule, the sandbox sends a matching message, the drawer shows the tag with its sentence', async () => {
      const { page } = browser;
      const s = stack!;
      const ruleName = `奶粉意向-${Date.now().toString(36).slice(-4)}`;
      await signIn(page, s.accounts.admin);
      await page.waitForURL('**/dashboard');
      await page.getByTestId('menu-ChatRules').click();
      await page.waitForURL('**/chat-rules');
      await page.getByTestId('chat-rule-create').click();
      await page.waitForURL('**/chat-rules/new');

      await page.getByTestId('rule-name').fill(ruleName);
      const keywords = page.getByTestId('rule-keywords');
      await keywords.fill('奶粉');
      await keywords.press('Enter');
      await page.getByTestId('rule-tags').click();
      await page.getByRole('option', { name: '金卡会员' }).click();
      await page.keyboard.press('Escape');
      // the live test box: whole words only
      await page.getByTestId('rule-test-text').fill('牛奶粉红色的包装');
      await page.getByTestId('rule-test-result').getByText('未命中').waitFor();
      await page.getByTestId('rule-test-text').fill('我想买奶粉');
      await page.getByTestId('rule-test-result').getByText('命中', { exact: true }).waitFor();
      expect(await page.getByTestId('rule-test-result').innerText()).toContain(
        '我 / 想 / 买 / 奶粉',
      );
      await saveScreenshot(page, 'chat-rule-editor');
      await page.getByTestId('rule-save').click();
      await page.waitForURL('**/chat-rules');
      await page.getByTestId('chat-rules-table').getByText(ruleName).waitFor();

      // a customer says it in WeCom (the sandbox), on a relation that does not carry the tag yet
      // (the other browser tests of the run may have tagged the newest customers)
      const db = await stackDb(s);
      let customer: { externalUserId: string; name: string };
      let userId: string;
      try {
        const [[row]] = (await db.query(
          `SELECT c.external_user_id AS externalUserId, c.name, r.user_id AS userId
           FROM customer c JOIN follow_relation r
             ON r.corp_id = c.corp_id AND r.external_user_id = c.external_user_id
            AND r.status = 'active'
           WHERE c.corp_id = ? AND c.name <> ''
             AND NOT EXISTS (SELECT 1 FROM customer_tag ct JOIN tag t
                               ON t.corp_id = ct.corp_id AND t.tag_id = ct.tag_id
                             WHERE ct.corp_id = r.corp_id AND ct.external_user_id = r.external_user_id
                               AND ct.user_id = r.user_id AND t.name = '金卡会员')
           ORDER BY c.id DESC LIMIT 1`,
          [s.corpId],
        )) as unknown as [Array<{ externalUserId: string; name: string; userId: string }>];
        customer = { externalUserId: row!.externalUserId, name: row!.name };
        userId = row!.userId;
      } finally {
        await db.end();
      }
      const sentence = `你好，我想买奶粉，有优惠吗 ${Date.now().toString(36).slice(-4)}`;
      await act(s, '/archive/messages', {
        from: customer.externalUserId,
        to: userId,
        content: sentence,
      });

      await page.getByTestId('menu-Customers').click();
      await page.waitForURL('**/customers');
      const row = page.getByTestId(`customer-row-${customer.externalUserId}`);
      await expect
        .poll(
          async () => {
            await page.getByTestId('filter-q').fill(customer.name);
            await page.keyboard.press('Enter');
            await page.waitForLoadState('networkidle');
            if (!(await row.isVisible())) return 'no row';
            await row.click();
            const marks = page.getByTestId('chat-rule-marks');
            await marks.waitFor();
            await page.waitForLoadState('networkidle');
            const text = await marks.innerText();
            if (text.includes('金卡会员') && text.includes(sentence)) return 'done';
            await page.keyboard.press('Escape');
            return text;
          },
          { timeout: 60_000, interval: 1500 },
        )
        .toBe('done');
      expect(await page.getByTestId('chat-rule-marks').innerText()).toContain(ruleName);
      // the tag chip says where it came from, and tapping it shows the sentence
      const chip = page.getByTestId('detail-tags').locator('.tag-mark', { hasText: '金卡会员' });
      expect(await chip.innerText()).toContain('聊天规则打标');
      await chip.click();
      await page.locator('.el-popover', { hasText: sentence }).waitFor();
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('customer-chat-history').innerText()).toContain(sentence);
      await saveScreenshot(page, 'chat-rule-customer-drawer');

      // the list counts the hit
      await page.keyboard.press('Escape');
      await page.getByTestId('menu-ChatRules').click();
      await page.waitForURL('**/chat-rules');
      const ruleRow = page.getByTestId('chat-rules-table').locator('tr', { hasText: ruleName });
      expect(await ruleRow.getByTestId('chat-rule-hits').innerText()).toBe('1');
      await saveScreenshot(page, 'chat-rules-list');
      await expectNoMissingKeys(page);
    }, 180_000);
  },
);
