import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { saveScreenshot, useBrowserPage } from './support/browser';
import { CHINA_CONTEXT, png, until, wecom } from './support/campaign';
import { expectNoMissingKeys, openSection, signIn } from './support/console';
import { act, stackDb, type RealStack } from './support/stack';

/**
 * 客户朋友圈 in the real console, on the real server, worker and sandbox: the manager posts a
 * moment with two images to the customers of two new guides (3 and 2 customers); WeCom's job
 * gives it a moment_id; both guides publish it in the sandbox, a customer comments and likes,
 * a colleague likes; the results page shows who published, whom it reached, the comments and
 * likes, and its numbers are WeCom's.
 */
const stack = inject('stack') as RealStack | null;
const browser = useBrowserPage(CHINA_CONTEXT);

type Db = Awaited<ReturnType<typeof stackDb>>;

describe.skipIf(!stack)('客户朋友圈 on the real server and sandbox', () => {
  const suffix = Date.now().toString(36).slice(-4);
  const zhang = `mo_a_${suffix}`;
  const li = `mo_b_${suffix}`;
  const GUIDES = [zhang, li];
  let db: Db;
  const customers: Record<string, string[]> = {};

  beforeAll(async () => {
    const s = stack!;
    db = await stackDb(s);
    for (const [userid, name, n] of [
      [zhang, `朋友圈导购甲${suffix}`, 3],
      [li, `朋友圈导购乙${suffix}`, 2],
    ] as const) {
      await act(s, '/users', { userid, name, department: [1], customerContact: true });
      for (let i = 0; i < n; i++)
        await act(s, '/customers/add-staff', {
          userId: userid,
          customer: { name: `${name}的客户${i}` },
        });
      // WeCom's list of the guide's customers
      const r = await wecom<{ errcode: number; external_userid: string[] }>(
        s,
        'externalcontact/list',
        undefined,
        { userid },
      );
      customers[userid] = r.external_userid ?? [];
    }
    // the SCRM learns of the guides through WeCom's callbacks
    await until('the guides in the SCRM', async () => {
      const [rows] = (await db.query('SELECT COUNT(*) AS n FROM staff WHERE user_id IN (?)', [
        GUIDES,
      ])) as unknown as [Array<{ n: number }>];
      return Number(rows[0]!.n) === 2 ? true : null;
    });
  }, 120_000);

  afterAll(async () => {
    await db?.end();
  });

  it('posts a moment with images to two guides’ customers and shows WeCom’s results with comments and likes', async () => {
    const s = stack!;
    const { page } = browser;
    expect(customers[zhang]!).toHaveLength(3);
    expect(customers[li]!).toHaveLength(2);
    const title = `冬季新品${Date.now().toString(36).slice(-4)}`;

    await signIn(page, s.accounts.manager);
    await page.waitForURL('**/dashboard');
    await openSection(page, 'Moments');
    await page.getByTestId('moment-create').click();
    await page.waitForURL('**/moments/new');
    await page.getByTestId('moment-title').fill(title);
    await page.getByTestId('moment-text').fill('冬季新品到店，羊毛大衣限时九折。');
    await page.getByTestId('moment-kind').getByText('图片').click();
    await page
      .getByTestId('moment-upload-image')
      .locator('input[type=file]')
      .setInputFiles([
        { name: '大衣-驼色.png', mimeType: 'image/png', buffer: png(120, [190, 150, 100]) },
        { name: '大衣-藏青.png', mimeType: 'image/png', buffer: png(120, [40, 60, 110]) },
      ]);
    await expect.poll(() => page.locator('.thumb img').count()).toBe(2);
    await page.getByTestId('moment-pick-staff').click();
    for (const userid of GUIDES) await page.getByTestId(`pick-${userid}`).click();
    await page.getByTestId('staff-picker-confirm').click();
    for (const userid of GUIDES) await page.getByTestId(`moment-staff-${userid}`).waitFor();
    await saveScreenshot(page, 'moments-compose');
    await page.getByTestId('moment-submit').click();
    await page.waitForURL(/\/moments\/\d+$/);
    const id = page.url().split('/').pop()!;

    // WeCom's job answers with the moment_id; the task is the two guides'
    await page
      .getByTestId('moment-detail-state')
      .getByText('已下发给成员')
      .waitFor({ timeout: 60_000 });
    const [[row]] = (await db.query('SELECT moment_id FROM moment WHERE id = ?', [
      id,
    ])) as unknown as [Array<{ moment_id: string }>];
    const momentId = row.moment_id;
    expect(momentId).toMatch(/^mom/);
    await page.getByText(momentId).waitFor();
    const sandboxMoments = await (await fetch(`${s.sandboxUrl}/sandbox/moments`)).json();
    const inWecom = (
      sandboxMoments as {
        moments: Array<{
          momentId: string;
          tasks: Record<string, unknown>;
          attachments: unknown[];
        }>;
      }
    ).moments.find((m) => m.momentId === momentId)!;
    expect(Object.keys(inWecom.tasks).sort()).toEqual([...GUIDES].sort());
    expect(inWecom.attachments).toHaveLength(2);

    // both guides publish it (guide A hides it from one customer); a customer comments and likes,
    // and guide A likes guide B's
    const [first, second] = customers[zhang]!;
    await act(s, `/moments/${momentId}/publish`, { userid: zhang, notSentTo: [first] });
    await act(s, `/moments/${momentId}/publish`, { userid: li });
    await act(s, `/moments/${momentId}/interact`, {
      userid: zhang,
      kind: 'comment',
      external_userid: second,
    });
    await act(s, `/moments/${momentId}/interact`, {
      userid: zhang,
      kind: 'like',
      external_userid: second,
    });
    await act(s, `/moments/${momentId}/interact`, {
      userid: li,
      kind: 'like',
      from_userid: zhang,
    });

    // WeCom's own numbers
    const tasks = await wecom<{
      errcode: number;
      task_list: Array<{ userid: string; publish_status: number }>;
    }>(s, 'externalcontact/get_moment_task', { moment_id: momentId });
    expect(tasks.task_list.filter((t) => t.publish_status === 1)).toHaveLength(2);
    let comments = 0;
    let likes = 0;
    for (const userid of GUIDES) {
      const r = await wecom<{ errcode: number; comment_list: unknown[]; like_list: unknown[] }>(
        s,
        'externalcontact/get_moment_comments',
        { moment_id: momentId, userid },
      );
      comments += r.comment_list.length;
      likes += r.like_list.length;
    }
    expect([comments, likes]).toEqual([1, 2]);

    const total = (key: string) =>
      page.getByTestId(`moment-total-${key}`).locator('.el-statistic__number').innerText();
    await until(
      'the results page shows WeCom’s numbers',
      async () => {
        if (await page.getByTestId('moment-refresh').isEnabled())
          await page.getByTestId('moment-refresh').click();
        await page.waitForTimeout(2000);
        const shown = [await total('published'), await total('comments'), await total('likes')];
        return shown.join() === ['2', String(comments), String(likes)].join() ? true : null;
      },
      90_000,
    );
    expect(await total('staff')).toBe('2');
    const reached = customers[zhang]!.length - 1 + customers[li]!.length;
    await until('who it reached', async () =>
      (await total('sent')) === String(reached) ? true : null,
    );
    for (const userid of GUIDES)
      expect(await page.getByTestId(`moment-staff-status-${userid}`).innerText()).toBe('已发表');
    const interactions = page.getByTestId('moment-interactions');
    await interactions.getByText(`客户 ${second}`).first().waitFor();
    expect(await interactions.locator('tr', { hasText: '评论' }).count()).toBe(1);
    expect(await interactions.locator('tr', { hasText: '点赞' }).count()).toBe(2);
    await saveScreenshot(page, 'moments-results');
    await expectNoMissingKeys(page);
  }, 240_000);
});
