import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiToken, stackDb } from '../../../admin-web/tests/e2e/support/stack';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { sandboxOverview, WECOM_USER_AGENT } from './support/wecom';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const stack = inject('stack');

const browser = useBrowserPage({
  viewport: { width: 360, height: 760 },
  userAgent: WECOM_USER_AGENT,
  locale: 'zh-CN',
});

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(512, 3)]);

/**
 * Quick replies (话术) in the built sidebar against the real server and the sandbox corp: the
 * items a manager made in the console are found by search and put into the chat through
 * ww.sendChatMessage (the mocked bridge records the call) with exactly their content.
 */
describe.skipIf(!stack)('quick replies in the sidebar', () => {
  let admin: string;
  let guide: string;
  let customer: string;
  let textItem: Json;
  let imageItem: Json;

  const post = async (path: string, body: unknown): Promise<Json> => {
    const res = await fetch(`${stack!.apiUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Json;
  };
  const sendCalls = (page: Page) =>
    page.evaluate(() =>
      window.__wwMock?.calls.filter((c) => c.name === 'sendChatMessage').map((c) => c.params),
    );
  const openReplies = async (page: Page, extra: Record<string, string> = {}) => {
    await page.goto(
      `/?${new URLSearchParams({ ww_mock: '1', ww_entry: 'single_chat_tools', ww_contact: customer, ww_as: guide, ...extra })}`,
    );
    await page.getByTestId('customer-name').waitFor();
    await page.getByRole('tab', { name: '话术' }).click();
    await page.getByTestId('quick-replies').waitFor();
  };

  beforeAll(async () => {
    admin = await apiToken(stack!, 'admin');
    const overview = await sandboxOverview(stack!);
    guide = (overview.users as Json[]).find(
      (u) => u.active && u.customerContact && u.customers > 0,
    )!.userid;
    let items: Json[] = [];
    for (let i = 0; i < 120; i++) {
      items = (
        await apiGet<Json>(
          stack!,
          `/api/admin/customers?corpId=${stack!.corpId}&userId=${guide}&limit=5`,
          admin,
        )
      ).items;
      if (items.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    customer = items[0].externalUserId;

    const corpId = stack!.corpId;
    const folder = await post('/api/admin/quick-replies/folders', {
      corpId,
      name: '门店常用',
      visibleToAll: true,
    });
    await post('/api/admin/quick-replies/items', {
      corpId,
      folderId: folder.id,
      kind: 'text',
      title: '开场问候',
      content: '您好，我是您的专属导购，有任何问题随时问我～',
    });
    textItem = await post('/api/admin/quick-replies/items', {
      corpId,
      folderId: folder.id,
      kind: 'text',
      title: '退换货说明',
      content: '七天无理由退换，请保留购物小票。\n如有质量问题，运费由我们承担。',
    });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), '门店地图.png');
    const upload = await fetch(`${stack!.apiUrl}/api/admin/media?corpId=${corpId}&kind=image`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const asset = (await upload.json()) as Json;
    imageItem = await post('/api/admin/quick-replies/items', {
      corpId,
      folderId: folder.id,
      kind: 'image',
      title: '门店地图',
      assetId: asset.id,
    });
  }, 90_000);

  it('searches, previews and sends a text and an image reply into the chat', async () => {
    const { page } = browser;
    await openReplies(page);
    await page.getByTestId(`quick-reply-${textItem.id}`).waitFor();
    await saveScreenshot(page, 'quick-replies-360');

    // a word from the middle of the text finds it, and only it
    await page.getByTestId('quick-replies-search').locator('input').fill('购物小票');
    await page.getByTestId(`quick-reply-${imageItem.id}`).waitFor({ state: 'detached' });
    expect(await page.locator('.quick-replies__item').count()).toBe(1);
    await page.getByTestId(`quick-reply-${textItem.id}`).click();
    await page.getByTestId('preview-text').waitFor();
    expect(await page.getByTestId('preview-text').innerText()).toContain('七天无理由退换');
    await saveScreenshot(page, 'quick-reply-preview');
    await page.getByTestId('quick-reply-send').click();
    await page.getByText('已放入聊天输入框').waitFor();
    // the bridge gets the SDK's own fields too (appId, verify*): the message is exactly the item
    expect(await sendCalls(page)).toEqual([
      expect.objectContaining({ msgtype: 'text', text: { content: textItem.content } }),
    ]);

    await page.getByTestId('quick-replies-search').locator('input').fill('地图');
    await page.getByTestId(`quick-reply-${imageItem.id}`).click();
    await page.getByTestId('quick-reply-send').click();
    await page.getByText('已放入聊天输入框').first().waitFor();
    await page.waitForFunction(
      () => window.__wwMock?.calls.filter((c) => c.name === 'sendChatMessage').length === 2,
    );
    const [, image] = (await sendCalls(page))!;
    expect(image).toEqual(
      expect.objectContaining({ msgtype: 'image', image: { mediaid: expect.any(String) } }),
    );
    expect(image).not.toHaveProperty('text');
    // the media id is the one WeCom gave for the asset (the server's media/upload)
    const db = await stackDb(stack!);
    const [rows] = await db.query('SELECT media_id AS mediaId FROM media_asset WHERE id = ?', [
      imageItem.assetId,
    ]);
    await db.end();
    expect((image as Json).image.mediaid).toBe((rows as Json[])[0].mediaId);
    const items = await apiGet<Json[]>(
      stack!,
      `/api/admin/quick-replies/items?corpId=${stack!.corpId}&folderId=${imageItem.folderId}`,
      admin,
    );
    expect(items.find((i) => i.id === textItem.id)!.useCount).toBe(1);
    expect(items.find((i) => i.id === imageItem.id)!.useCount).toBe(1);

    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    await saveScreenshot(page, 'quick-replies-320');
  });

  it("shows WeCom's errMsg when sendChatMessage fails", async () => {
    const { page } = browser;
    await openReplies(page, { ww_fail: 'sendChatMessage' });
    await page.getByTestId(`quick-reply-${textItem.id}`).click();
    await page.getByTestId('quick-reply-send').click();
    await page.getByText('sendChatMessage:fail').waitFor();
    expect(await page.locator('.van-toast').innerText()).toContain('发送失败');
    await saveScreenshot(page, 'quick-reply-send-failed');
  });
});
