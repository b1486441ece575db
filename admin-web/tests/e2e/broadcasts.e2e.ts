import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot, useBrowserPage } from './support/browser';
import {
  CHINA_CONTEXT,
  apiSend,
  chinaDateTime,
  chinaDay,
  png,
  sandboxOverview,
  until,
  wecom,
} from './support/campaign';
import { expectNoMissingKeys, openSection, signIn } from './support/console';
import { act, apiGet, apiToken, stackDb, type RealStack } from './support/stack';

/**
 * 客户群发 in the real console, on the real server, worker and sandbox. Two guides serve four
 * new customers (one customer follows both: the guide who added them last sends). The manager
 * builds a filter in the composer, saves it as a segment, composes a broadcast to the segment
 * with an image, schedules it a few seconds ahead, finds it on the campaign calendar, and once
 * the tasks are in WeCom one guide confirms: the results page converges on WeCom's numbers,
 * remind says how many reminders are left, the receive-limit tab changes what the preview
 * counts, and cancel cancels the message in WeCom.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage(CHINA_CONTEXT);

type Db = Awaited<ReturnType<typeof stackDb>>;
interface SendRow {
  external_userid: string;
  userid: string;
  status: number;
}

describe.skipIf(!stack)('客户群发 on the real server and sandbox', () => {
  const suffix = Date.now().toString(36).slice(-4);
  const guideA = { userid: `bc_a_${suffix}`, name: `群发导购甲${suffix}` };
  const guideB = { userid: `bc_b_${suffix}`, name: `群发导购乙${suffix}` };
  const segmentName = `双十二老客${suffix}`;
  const title = `双十二预热${suffix}`;
  let db: Db;
  let token: string;
  let broadcastId = '';
  let segmentId = '';
  const customersOf: Record<string, string[]> = {};

  beforeAll(async () => {
    const s = stack!;
    db = await stackDb(s);
    token = await apiToken(s, 'admin');
    for (const g of [guideA, guideB])
      await act(s, '/users', { ...g, department: [1], customerContact: true });
    const add = async (userId: string, name: string, externalUserId?: string) =>
      (
        await act<{ externalUserId: string }>(s, '/customers/add-staff', {
          userId,
          ...(externalUserId ? { externalUserId } : { customer: { name } }),
        })
      ).externalUserId;
    const a = [await add(guideA.userid, '老客一'), await add(guideA.userid, '老客二')];
    const shared = await add(guideA.userid, '老客三');
    const b = [await add(guideB.userid, '老客四')];
    await new Promise((r) => setTimeout(r, 1100)); // added to B a second later: B sends
    await add(guideB.userid, '', shared);
    customersOf[guideA.userid] = a;
    customersOf[guideB.userid] = [...b, shared];
    // the SCRM learns of them through WeCom's callbacks
    await until('the guides and their customers in the SCRM', async () => {
      const staff = await apiGet<Array<{ userId: string }>>(
        s,
        `/api/admin/staff?corpId=${s.corpId}`,
        token,
      );
      if (!staff.some((x) => x.userId === guideB.userid)) return null;
      const { count } = await apiSend<{ count: number }>(
        s,
        'POST',
        `/api/admin/corps/${s.corpId}/audience/count`,
        token,
        { filter: { staffUserIds: [guideA.userid, guideB.userid] } },
      );
      return count === 4 ? true : null;
    });
  }, 120_000);

  afterAll(async () => {
    await db?.end();
  });

  async function signInAsManager(page: Page) {
    await signIn(page, stack!.accounts.manager);
    await page.waitForURL('**/dashboard');
  }

  /** Picks the option of an el-select whose text starts with `name`. */
  async function pickOption(page: Page, testId: string, name: string) {
    await page.getByTestId(testId).click();
    await page.getByRole('option').filter({ hasText: name }).first().click();
  }

  /** WeCom's per-recipient results of one sender's task. */
  async function sendResult(msgid: string, userid: string): Promise<SendRow[]> {
    const r = await wecom<{ errcode: number; send_list: SendRow[] }>(
      stack!,
      'externalcontact/get_groupmsg_send_result',
      { msgid, userid, limit: 1000 },
    );
    if (r.errcode !== 0) throw new Error(`get_groupmsg_send_result ${r.errcode}`);
    return r.send_list;
  }

  it('builds a filter, saves it as a segment, schedules a broadcast to it with an image, sees it on the calendar and its results converge', async () => {
    const s = stack!;
    const { page } = browser;
    await signInAsManager(page);
    await openSection(page, 'Broadcasts');
    await page.getByTestId('new-broadcast').click();
    await page.waitForURL('**/broadcasts/new');

    // the filter builder in the composer: the two guides' customers, counted by the server
    await page.getByTestId('audience-mode').getByText('按条件筛选').click();
    await page.getByTestId('audience-filter').waitFor();
    await pickOption(page, 'audience-staff', guideA.name);
    await page.getByRole('option', { name: guideB.name, exact: true }).click();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="audience-count"][data-count="4"]').waitFor();
    expect(await page.getByTestId('audience-count').innerText()).toBe('共 4 位客户');
    await page.getByTestId('preview-total').getByText('共 4 位对象，将发送 4 位').waitFor();
    await saveScreenshot(page, 'broadcasts-compose-filter');

    await page.getByTestId('save-segment').click();
    await page.locator('.el-message-box input').fill(segmentName);
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.getByText(`已保存分群「${segmentName}」`).waitFor();
    const [[segment]] = (await db.query('SELECT id, filter FROM audience_segment WHERE name = ?', [
      segmentName,
    ])) as unknown as [Array<{ id: string; filter: unknown }>];
    expect(segment).toBeDefined();
    segmentId = String(segment.id);
    // the composer now sends to the saved segment
    await expect
      .poll(() => page.getByTestId('segment').locator('..').innerText())
      .toContain(segmentName);

    // the senders it resolves to, and the rule that picks one per customer
    const senders = page.getByTestId('preview-senders');
    await senders.getByText(guideA.name).waitFor();
    for (const g of [guideA, guideB])
      expect(await senders.locator('tr', { hasText: g.name }).innerText()).toMatch(/\s2$/);
    expect(await page.getByTestId('preview-sender-rule').innerText()).toContain(
      '由最近添加该客户的成员发送，每位客户只收到一次',
    );
    expect(await page.getByTestId('preview-limit').innerText()).toContain(
      '每位客户每天最多接收 1 条群发',
    );
    expect(await page.getByTestId('preview-tasks').innerText()).toContain('将创建 2 个群发任务');

    await page.getByTestId('title').fill(title);
    await page.getByTestId('text').fill('双十二全场八折，老客再享满 300 减 50。');
    await page
      .getByTestId('attachments')
      .locator('input[type=file]')
      .setInputFiles({
        name: '双十二海报.png',
        mimeType: 'image/png',
        buffer: png(96, [220, 60, 60]),
      });
    await page.getByTestId('chat-preview').locator('img').waitFor();
    await expect
      .poll(() =>
        page
          .getByTestId('chat-preview')
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(96);

    // scheduled a few seconds ahead, typed as an operator would
    await page.getByText('定时发送').click();
    const at = new Date(Date.now() + 25_000);
    at.setMilliseconds(0);
    const picker = page.getByTestId('scheduled-at').locator('input');
    await picker.fill(chinaDateTime(at));
    await picker.press('Enter');
    await page.getByTestId('title').click();
    await saveScreenshot(page, 'broadcasts-compose-segment');
    await page.getByTestId('submit').click();
    await page.waitForURL(/\/broadcasts\/\d+$/);
    broadcastId = page.url().split('/').pop()!;
    const [[row]] = (await db.query(
      'SELECT state, segment_id, scheduled_at, attachments FROM broadcast WHERE id = ?',
      [broadcastId],
    )) as unknown as [
      Array<{ state: string; segment_id: string; scheduled_at: Date; attachments: unknown }>,
    ];
    expect(row.segment_id).toBe(String(segment.id));
    expect(row.scheduled_at.getTime()).toBe(at.getTime());
    expect(JSON.stringify(row.attachments)).toContain('"image"');

    // the calendar's week view: on the day it goes out, in its state's colour
    await openSection(page, 'Campaigns');
    await page.getByTestId('calendar-mode').getByText('周').click();
    const entry = page.getByTestId(`calendar-entry-broadcast-${broadcastId}`);
    await entry.waitFor();
    const cell = entry.locator('xpath=ancestor::div[contains(@class,"cell--week")]');
    expect(await cell.locator('.cell__day').innerText()).toBe(chinaDay(at).slice(5));
    expect(await entry.innerText()).toContain(title);
    const phase = (await entry.getAttribute('data-phase'))!;
    expect(['scheduled', 'in_progress']).toContain(phase);
    const phaseLabel = phase === 'scheduled' ? '待发送' : '进行中';
    expect(await entry.innerText()).toContain(phaseLabel);
    const legendColour = await page
      .locator('.legend__item', { hasText: phaseLabel })
      .locator('.dot')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await entry.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe(legendColour);
    await saveScreenshot(page, 'broadcasts-calendar-week');

    // after the time: one task per guide in WeCom, each customer once
    await entry.click();
    await page.waitForURL(`**/broadcasts/${broadcastId}`);
    await page.getByTestId('results-state').getByText('等待成员确认').waitFor({ timeout: 90_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    const [tasks] = (await db.query(
      'SELECT sender_user_id AS sender, msgid, recipient_count AS n FROM broadcast_task WHERE broadcast_id = ? ORDER BY sender_user_id',
      [broadcastId],
    )) as unknown as [Array<{ sender: string; msgid: string; n: number }>];
    expect(tasks.map((t) => [t.sender, t.n])).toEqual([
      [guideA.userid, 2],
      [guideB.userid, 2],
    ]);
    const overview = await sandboxOverview<{
      groupMsgs: Array<{ msgid: string; tasks: Array<{ userid: string; status: number }> }>;
    }>(s);
    for (const t of tasks) {
      const msg = overview.groupMsgs.find((m) => m.msgid === t.msgid);
      expect(msg?.tasks.map((x) => x.userid)).toEqual([t.sender]);
      const sent = await until('WeCom dispatched the task', () =>
        sendResult(t.msgid, t.sender).catch(() => null),
      );
      expect(sent.map((r) => r.external_userid).sort()).toEqual([...customersOf[t.sender]!].sort());
    }

    // guide A confirms in WeCom's 群发助手; guide B does not
    const taskA = tasks.find((t) => t.sender === guideA.userid)!;
    const taskB = tasks.find((t) => t.sender === guideB.userid)!;
    await act(s, `/groupmsg/${taskA.msgid}/send`, { userid: guideA.userid });
    const wecomA = await sendResult(taskA.msgid, guideA.userid);
    const wecomB = await sendResult(taskB.msgid, guideB.userid);
    const sentIn = (rows: SendRow[]) => rows.filter((r) => r.status === 1).length;
    const unsentIn = (rows: SendRow[]) => rows.filter((r) => r.status === 0).length;
    expect([sentIn(wecomA), unsentIn(wecomA), sentIn(wecomB), unsentIn(wecomB)]).toEqual([
      2, 0, 0, 2,
    ]);
    const cellText = (id: string) => page.getByTestId(id).innerText();
    await until(
      'the results page shows WeCom’s numbers',
      async () => {
        await page.getByTestId('refresh').click();
        await page.waitForTimeout(1000);
        const shown = [
          await cellText(`staff-sent-${guideA.userid}`),
          await cellText(`staff-pending-${guideA.userid}`),
          await cellText(`staff-sent-${guideB.userid}`),
          await cellText(`staff-pending-${guideB.userid}`),
        ].map(Number);
        const expected = [sentIn(wecomA), unsentIn(wecomA), sentIn(wecomB), unsentIn(wecomB)];
        return JSON.stringify(shown) === JSON.stringify(expected) ? true : null;
      },
      60_000,
    );
    expect(await page.getByTestId('total-sent').innerText()).toBe('2');
    expect(await page.getByTestId('total-pending').innerText()).toBe('2');
    const [[dbCounts]] = (await db.query(
      'SELECT SUM(status = 1) AS sent, SUM(status = 0) AS pending FROM broadcast_recipient WHERE broadcast_id = ?',
      [broadcastId],
    )) as unknown as [Array<{ sent: string; pending: string }>];
    expect([Number(dbCounts.sent), Number(dbCounts.pending)]).toEqual([2, 2]);
    const staffRows = page.getByTestId('staff-results');
    expect(await staffRows.locator('tr', { hasText: guideA.name }).innerText()).toContain(
      '已确认发送',
    );
    expect(await staffRows.locator('tr', { hasText: guideB.name }).innerText()).toContain('未确认');

    // remind the guide who has not sent: WeCom allows 3 in 24 hours
    const remind = page.getByTestId('remind');
    expect(await remind.innerText()).toBe('提醒成员发送（剩余 3 次）');
    await remind.click();
    await page.getByText('已提醒 1 位成员').waitFor();
    await remind.getByText('提醒成员发送（剩余 2 次）').waitFor();
    await saveScreenshot(page, 'broadcasts-results');

    // 按客户: each customer by name (its id below), with the guide who sends to them by name
    await page.getByTestId('results-tabs').getByText('按客户').click();
    const recipientRows = page.getByTestId('recipient-results');
    const sentRow = recipientRows.locator('tr', { hasText: '老客一' });
    await sentRow.waitFor();
    expect(await sentRow.innerText()).toContain(customersOf[guideA.userid]![0]!);
    expect(await sentRow.innerText()).toContain(guideA.name);
    expect(await sentRow.innerText()).toContain('已发送');
    const pendingRow = recipientRows.locator('tr', { hasText: '老客四' });
    expect(await pendingRow.innerText()).toContain(guideB.name);
    expect(await pendingRow.innerText()).toContain('未发送');
    await saveScreenshot(page, 'broadcasts-recipients');
    await expectNoMissingKeys(page);
  }, 240_000);

  it('saves the receive limit on its tab, and the preview counts the customers over it', async () => {
    const s = stack!;
    expect(broadcastId).not.toBe('');
    const { page } = browser;
    await signInAsManager(page);
    await openSection(page, 'Broadcasts');
    await page.getByTestId('broadcast-tabs').getByText('接收上限').click();
    await page.waitForURL('**/broadcasts/settings');
    await page
      .getByTestId('receive-limit-current')
      .getByText('每位客户每天最多接收 1 条群发')
      .waitFor();
    expect(await page.getByTestId('receive-limit').innerText()).toContain('默认每天最多 1 条');

    /** The composer's preview of the segment (its numbers as shown). */
    async function previewOfSegment() {
      await page.goto('/broadcasts/new');
      await pickOption(page, 'segment', segmentName);
      await page.getByTestId('preview-total').waitFor();
      await page.getByTestId('preview-tasks').waitFor();
      return {
        total: await page.getByTestId('preview-total').innerText(),
        limit: await page.getByTestId('preview-limit').innerText(),
        over: (await page.getByTestId('preview-over-limit').count())
          ? await page.getByTestId('preview-over-limit').innerText()
          : '',
      };
    }

    // 1 a day (the default): guide A's two customers got today's broadcast
    const [[received]] = (await db.query(
      `SELECT COUNT(DISTINCT r.recipient_id) AS n FROM broadcast_recipient r
       JOIN broadcast b ON b.id = r.broadcast_id
       WHERE b.segment_id = ? AND r.status = 1`,
      [segmentId],
    )) as unknown as [Array<{ n: number }>];
    expect(Number(received.n)).toBe(2);
    const daily = await previewOfSegment();
    expect(daily.total).toBe('共 4 位对象，将发送 2 位');
    expect(daily.over).toBe('2 位已达到接收上限，将不会发送');
    expect(daily.limit).toContain('每位客户每天最多接收 1 条群发');
    // the same segment already has a live broadcast today
    expect(await page.getByTestId('preview-clash').innerText()).toContain(title);
    await saveScreenshot(page, 'broadcasts-preview-over-limit');

    // 7 a week: nobody is over it
    await page.getByTestId('preview-limit-settings').click();
    await page.waitForURL('**/broadcasts/settings');
    await page.getByTestId('receive-limit-week').click();
    await page.getByTestId('receive-limit-save').click();
    await page.getByText('已保存：每位客户每周最多接收 7 条群发').waitFor();
    await saveScreenshot(page, 'broadcasts-receive-limit');
    const [[setting]] = (await db.query(
      'SELECT receive_limit FROM broadcast_setting WHERE corp_id = ?',
      [s.corpId],
    )) as unknown as [Array<{ receive_limit: string }>];
    expect(setting.receive_limit).toBe('week');
    const weekly = await previewOfSegment();
    expect(weekly.total).toBe('共 4 位对象，将发送 4 位');
    expect(weekly.over).toBe('');
    expect(weekly.limit).toContain('每位客户每周最多接收 7 条群发');

    // back to WeCom's default for the tests after this one
    await page.goto('/broadcasts/settings');
    await page.getByTestId('receive-limit-day').click();
    await page.getByTestId('receive-limit-save').click();
    await page.getByText('已保存：每位客户每天最多接收 1 条群发').waitFor();
    await expectNoMissingKeys(page);
  }, 120_000);

  it('cancels the broadcast: WeCom cancels the message and the page says so', async () => {
    const s = stack!;
    expect(broadcastId).not.toBe('');
    const { page } = browser;
    await signInAsManager(page);
    await page.goto(`/broadcasts/${broadcastId}`);
    await page.getByTestId('cancel').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.getByTestId('results-state').getByText('已取消').waitFor();
    expect(await page.getByTestId('remind').count()).toBe(0);
    const [tasks] = (await db.query(
      'SELECT sender_user_id AS sender, msgid FROM broadcast_task WHERE broadcast_id = ?',
      [broadcastId],
    )) as unknown as [Array<{ sender: string; msgid: string }>];
    const overview = await sandboxOverview<{
      groupMsgs: Array<{ msgid: string; canceled: boolean }>;
    }>(s);
    const canceledIn = (sender: string) =>
      overview.groupMsgs.find((m) => m.msgid === tasks.find((t) => t.sender === sender)?.msgid)
        ?.canceled;
    // guide B's unsent task is stopped in WeCom; guide A's was sent already, nothing to stop
    expect(canceledIn(guideB.userid)).toBe(true);
    expect(canceledIn(guideA.userid)).toBe(false);
    // what guide A sent stays sent
    expect(await page.getByTestId('total-sent').innerText()).toBe('2');
    await saveScreenshot(page, 'broadcasts-canceled');
  }, 60_000);
});
