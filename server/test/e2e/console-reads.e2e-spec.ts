import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Shanghai's local date of an instant (the dashboard's default time zone, UTC+8 all year). */
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The console's read APIs after a real sync of the sandbox corp: the dashboard's numbers equal
 * what the database holds; the customer list pages by added time (keyset); staff carry their
 * customer counts; groups their member counts and joins/leaves per day.
 */
describe('console read APIs', () => {
  let stack: SandboxStack;
  let corpId: string;
  const get = async (path: string, query: Json = {}) =>
    (await request(stack.url).get(path).query(query).set(stack.auth()).expect(200)).body;

  beforeAll(async () => {
    stack = await startSandboxStack({ sandbox: { seed: { customers: 120 } } });
    corpId = stack.sandbox.corp.corpId;
    await request(stack.url).post(`/api/admin/sync/${corpId}`).set(stack.auth()).expect(202);
    await waitFor(
      'the sync to finish',
      async () =>
        (await get(`/api/admin/sync/${corpId}`))[0]?.status === 'done' ? true : undefined,
      120_000,
    );
    // today: a customer deletes a staff member (lost), one joins a group
    const [follow] = stack.sandbox.state.followsOfUser('lina');
    await stack.act('/customers/delete-staff', {
      userId: 'lina',
      externalUserId: follow.external_userid,
    });
    await waitFor('the deletion to reach the mirror', async () => {
      const [row] = await stack.db.query(
        'SELECT status FROM follow_relation WHERE corp_id = ? AND user_id = ? AND external_user_id = ?',
        [corpId, 'lina', follow.external_userid],
      );
      return row?.status === 'deleted_by_customer' ? true : undefined;
    });
  });

  afterAll(() => stack?.close());

  it("the dashboard's numbers equal the database's", async () => {
    const d = await get('/api/admin/dashboard', { corpId });
    const [{ n: total }] = await stack.db.query(
      "SELECT COUNT(DISTINCT external_user_id) AS n FROM follow_relation WHERE corp_id = ? AND status = 'active'",
      [corpId],
    );
    expect(d.customers.total).toBe(Number(total));
    expect(d.daily).toHaveLength(30);
    expect(d.daily.at(-1).day).toBe(shanghaiDay(new Date()));
    const relations: Array<{ added_at: Date | null; deleted_at: Date | null; status: string }> =
      await stack.db.query(
        'SELECT added_at, deleted_at, status FROM follow_relation WHERE corp_id = ?',
        [corpId],
      );
    for (const day of d.daily) {
      const added = relations.filter((r) => r.added_at && shanghaiDay(r.added_at) === day.day);
      const lost = relations.filter(
        (r) =>
          r.deleted_at &&
          ['deleted_by_customer', 'deleted_by_staff'].includes(r.status) &&
          shanghaiDay(r.deleted_at) === day.day,
      );
      expect({ day: day.day, added: day.added, lost: day.lost }).toEqual({
        day: day.day,
        added: added.length,
        lost: lost.length,
      });
    }
    expect(d.daily.at(-1).lost).toBeGreaterThanOrEqual(1);
    const top: Array<{ user_id: string; n: string }> = await stack.db.query(
      `SELECT user_id, COUNT(*) AS n FROM follow_relation WHERE corp_id = ? AND status = 'active'
       GROUP BY user_id ORDER BY n DESC, user_id LIMIT 10`,
      [corpId],
    );
    expect(d.byStaff.map((s: Json) => [s.userId, s.customers])).toEqual(
      top.map((t) => [t.user_id, Number(t.n)]),
    );
    expect(d.byStaff[0].name).not.toBe(d.byStaff[0].userId);
    const [{ n: failed }] = await stack.db.query(
      "SELECT COUNT(*) AS n FROM callback_event WHERE corp_id = ? AND status = 'failed'",
      [corpId],
    );
    expect(d.callbackEvents.failed).toBe(Number(failed));
    expect(d.lastSync).toMatchObject({ status: 'done' });
    expect(d.byChannel).toEqual([]);
  });

  it('refuses an unknown corp (404) and a bad time zone (400 naming it)', async () => {
    await request(stack.url)
      .get('/api/admin/dashboard')
      .query({ corpId: 'wwnotconfigured' })
      .set(stack.auth())
      .expect(404);
    const bad = await request(stack.url)
      .get('/api/admin/dashboard')
      .query({ corpId, timeZone: 'Mars/Olympus' })
      .set(stack.auth())
      .expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['timeZone']);
  });

  it('pages customers newest added first by keyset, and by name, without repeats', async () => {
    const seen: Json[] = [];
    let cursor: string | undefined;
    do {
      const page = await get('/api/admin/customers', { corpId, limit: 25, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const [{ n }] = await stack.db.query('SELECT COUNT(*) AS n FROM customer WHERE corp_id = ?', [
      corpId,
    ]);
    expect(seen).toHaveLength(Number(n));
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    const times = seen.map((c) => c.addedAt as string);
    expect([...times].sort().reverse()).toEqual(times);

    const byName = await get('/api/admin/customers', { corpId, sort: 'name', limit: 10 });
    const next = await get('/api/admin/customers', {
      corpId,
      sort: 'name',
      limit: 10,
      cursor: byName.nextCursor,
    });
    const names: Array<{ name: string }> = await stack.db.query(
      'SELECT name FROM customer WHERE corp_id = ? ORDER BY name, id LIMIT 20',
      [corpId],
    );
    expect([...byName.items, ...next.items].map((c: Json) => c.name)).toEqual(
      names.map((r) => r.name),
    );
    // a cursor of the other order is refused, naming the field
    const wrong = await request(stack.url)
      .get('/api/admin/customers')
      .query({ corpId, cursor: byName.nextCursor })
      .set(stack.auth())
      .expect(400);
    expect(Object.keys(wrong.body.errors)).toEqual(['cursor']);
  });

  it('staff carry the customers they follow; groups their members by type and joins per day', async () => {
    const staff: Json[] = await get('/api/admin/staff', { corpId });
    const lina = staff.find((s) => s.userId === 'lina')!;
    expect(lina.customerCount).toBe(
      stack.sandbox.state.followsOfUser('lina').length, // the deleted relation is gone in WeCom too
    );
    const groups: Json[] = await get('/api/admin/groups', { corpId, limit: 200 });
    const g = groups[0];
    const chat = stack.sandbox.state.groupChats.get(g.chatId)!;
    const members = [...chat.members.values()] as Array<{ type: number }>;
    expect([g.customerCount, g.staffCount]).toEqual([
      members.filter((m) => m.type === 2).length,
      members.filter((m) => m.type === 1).length,
    ]);
    const daily = await get('/api/admin/groups/stats/daily', { corpId });
    expect(daily.days).toHaveLength(30);
    const joins: Array<{ join_time: number }> = await stack.db.query(
      'SELECT join_time FROM group_member WHERE corp_id = ?',
      [corpId],
    );
    const total = (daily.days as Json[]).reduce((n, d) => n + d.joins, 0);
    const cutoff = Date.parse(`${daily.days[0].day}T00:00:00+08:00`) / 1000;
    const end = Date.parse(`${daily.days.at(-1).day}T00:00:00+08:00`) / 1000 + 86_400;
    // the sandbox seeds some join times in the future: the 30 days end today
    expect(total).toBe(joins.filter((j) => j.join_time >= cutoff && j.join_time < end).length);
    expect(total).toBeGreaterThan(0);
  });
});
