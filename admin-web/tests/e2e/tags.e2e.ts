import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { expectNoMissingKeys, openSection, signIn } from './support/console';
import { act, type RealStack } from './support/stack';
import { tagWrites, wecomTagGroups, type WecomTagGroup } from './support/wecom';

/**
 * The tag library, two-way, on the real console, server and sandbox: what the console does
 * reaches WeCom (the sandbox's get_corp_tag_list), WeCom's rules are refused with a sentence
 * before any call, what is done in WeCom's admin console (the sandbox's control routes, which
 * send change_external_tag) reaches the page, and a push WeCom could not take is retried from
 * the page.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage({ viewport: { width: 1440, height: 900 } });

/** The tags of a group as the page shows them, in order. */
async function pageTags(page: Page, group: string): Promise<string[]> {
  const card = page.getByTestId(`tag-group-${group}`);
  return card.locator('.tag .name').allInnerTexts();
}

async function wecomGroup(s: RealStack, name: string): Promise<WecomTagGroup | undefined> {
  return (await wecomTagGroups(s)).find((g) => g.group_name === name);
}

const wecomTagNames = async (s: RealStack, group: string) =>
  ((await wecomGroup(s, group))?.tag ?? []).map((t) => t.name);

/** Answers Element Plus's prompt box with `value`. */
async function answerPrompt(page: Page, value: string) {
  const box = page.locator('.el-message-box');
  await box.locator('input').fill(value);
  await box.locator('.el-message-box__btns .el-button--primary').click();
}

async function errorToast(page: Page): Promise<string> {
  const toast = page.locator('.el-message--error').last();
  await toast.waitFor();
  const text = await toast.innerText();
  await page.locator('.el-message--error .el-message__closeBtn').last().click();
  return text;
}

describe.skipIf(!stack)(
  `the tag library on the real server and sandbox${stack ? '' : ` (skipped: ${inject('stackSkipped')})`}`,
  () => {
    it('console changes reach WeCom, WeCom rules are refused before calling, WeCom changes reach the page, a failed push is retried', async () => {
      const { page } = browser;
      const s = stack!;
      const suffix = Date.now().toString(36).slice(-4);
      const group = `会员等级${suffix}`;
      await signIn(page, s.accounts.admin);
      await page.waitForURL('**/dashboard');
      await openSection(page, 'Tags');
      await page.getByTestId('tags-page').waitFor();

      // create a group with two tags
      await page.getByTestId('tags-new-group').click();
      await page.getByTestId('new-group-name').fill(group);
      await page.getByTestId('new-group-tags').fill('白银\n黄金');
      await page.getByTestId('new-group-save').click();
      const card = page.getByTestId(`tag-group-${group}`);
      await card.waitFor();
      expect(await pageTags(page, group)).toEqual(['白银', '黄金']);
      expect(await wecomTagNames(s, group)).toEqual(['白银', '黄金']);

      // rename one
      await page.getByTestId('tag-rename-黄金').click();
      await answerPrompt(page, '黄金会员');
      await page.getByTestId('tag-黄金会员').waitFor();
      expect(await wecomTagNames(s, group)).toEqual(['白银', '黄金会员']);

      // reorder: drag 黄金会员 before 白银 (WeCom lists the larger order first)
      await page.getByTestId('tag-黄金会员').dragTo(page.getByTestId('tag-白银'));
      await expect.poll(() => pageTags(page, group)).toEqual(['黄金会员', '白银']);
      expect(await wecomTagNames(s, group)).toEqual(['黄金会员', '白银']);

      // WeCom's rules, refused with a sentence before any call
      const writes = await tagWrites(s);
      await page.getByTestId(`group-add-${group}`).click();
      await answerPrompt(page, '白银');
      expect(await errorToast(page)).toContain('同一标签组内已有名为「白银」的标签');
      await page.getByTestId('tag-rename-白银').click();
      await answerPrompt(page, '超'.repeat(31));
      expect(await errorToast(page)).toContain('名称最多 30 个字符');
      expect(await tagWrites(s)).toBe(writes);
      expect(await wecomTagNames(s, group)).toEqual(['黄金会员', '白银']);
      expect(await pageTags(page, group)).toEqual(['黄金会员', '白银']);

      // delete one (the page says how many customers are marked first)
      await page.getByTestId('tag-delete-白银').click();
      const confirm = page.locator('.el-message-box');
      expect(await confirm.innerText()).toContain('已有 0 个客户打了这个标签');
      await confirm.locator('.el-message-box__btns .el-button--primary').click();
      await expect.poll(() => pageTags(page, group)).toEqual(['黄金会员']);
      expect(await wecomTagNames(s, group)).toEqual(['黄金会员']);
      await saveScreenshot(page, 'tags-console-changes');

      // made in WeCom's admin console: a new group, a tag added, a tag renamed
      // (change_external_tag callbacks); the page shows them on its refresh, read-only
      const wecomGroupName = `企业微信${suffix}`;
      const made = await act<{ groupId: string; tagIds: string[] }>(s, '/tags/groups', {
        groupName: wecomGroupName,
        tags: ['门店甲'],
      });
      await act(s, '/tags', { groupId: made.groupId, name: '门店乙' });
      await act(s, `/tags/${made.tagIds[0]}/rename`, { name: '门店甲（改）' });
      await expect
        .poll(
          async () => {
            await page.getByTestId('tags-refresh').click();
            await page.waitForLoadState('networkidle');
            if (!(await page.getByTestId(`tag-group-${wecomGroupName}`).count())) return [];
            return (await pageTags(page, wecomGroupName)).sort();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toEqual(['门店乙', '门店甲（改）'].sort());
      const wecomMade = page.getByTestId('tag-门店乙');
      // a WeCom-made tag cannot be edited from the console, and the page says why
      expect(await wecomMade.getByText('企业微信创建').count()).toBe(1);
      expect(await wecomMade.getAttribute('title')).toContain('请在企业微信管理后台修改');
      expect(await page.getByTestId('tag-rename-门店乙').count()).toBe(0);
      await saveScreenshot(page, 'tags-wecom-made');

      // a push WeCom could not take (busy, after the client's retries) shows and is retried
      await act(s, '/faults', { path: 'externalcontact/add_corp_tag', errcode: -1, count: 20 });
      await page.getByTestId(`group-add-${group}`).click();
      await answerPrompt(page, '铂金');
      expect(await errorToast(page)).toContain('修改已记入推送记录');
      const pushes = page.getByTestId('tag-pushes');
      await pushes.waitFor();
      expect(await pushes.innerText()).toContain('铂金');
      expect(await pushes.innerText()).toContain('企业微信繁忙，重试几次后仍未成功（错误码 -1）');
      expect(await wecomTagNames(s, group)).toEqual(['黄金会员']);
      await saveScreenshot(page, 'tags-failed-push');
      await fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'DELETE' });
      await pushes.getByRole('button', { name: '重试' }).click();
      await pushes.waitFor({ state: 'detached' });
      await page.getByTestId('tag-铂金').waitFor();
      expect((await wecomTagNames(s, group)).sort()).toEqual(['铂金', '黄金会员'].sort());
      await expectNoMissingKeys(page);
    }, 180_000);
  },
);
