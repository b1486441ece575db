import type { RunningSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * People act in the sandbox (WeCom); its callbacks reach the in-process app, the worker applies
 * them, and the mirror's relations end equal to the sandbox's, even with duplicated and shuffled
 * deliveries. The admin API shows the customer, its relations, tags and timeline.
 */
describe('customer mirror through WeCom callbacks', () => {
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  let db: DataSource;
  let url: string;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const corpId = () => sandbox.corp.corpId;
  const act = (path: string, body: Record<string, unknown>) => stack.act(path, body);

  beforeAll(async () => {
    stack = await startSandboxStack();
    ({ sandbox, db, url, token } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const staff = () =>
    sandbox.state.userList
      .filter((u) => u.customerContact && u.status === 1)
      .map((u) => u.userid)
      .slice(0, 3);

  /** Every callback delivered and every stored event of these customers processed. */
  const settle = async (customers: string[]) => {
    await sandbox.state.callbacks.drain();
    await waitFor('the events to be processed', async () => {
      const rows: { status: string }[] = await db.query(
        `SELECT status FROM callback_event WHERE corp_id = ?
         AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.ExternalUserID')) IN (?)`,
        [corpId(), customers],
      );
      return rows.length && rows.every((r) => r.status === 'done') ? rows : undefined;
    });
  };

  /** Active relations (user → remark, tags) in the mirror and in the sandbox. */
  const mirrorOf = async (ext: string) => {
    const rows: { userId: string; remark: string; tags: string | null }[] = await db.query(
      `SELECT r.user_id AS userId, r.remark,
              (SELECT GROUP_CONCAT(ct.tag_id ORDER BY ct.tag_id) FROM customer_tag ct
               WHERE ct.corp_id = r.corp_id AND ct.external_user_id = r.external_user_id
                 AND ct.user_id = r.user_id) AS tags
       FROM follow_relation r
       WHERE r.corp_id = ? AND r.external_user_id = ? AND r.status = 'active' ORDER BY r.user_id`,
      [corpId(), ext],
    );
    return rows.map((r) => ({ userId: r.userId, remark: r.remark, tags: r.tags ?? '' }));
  };
  const sandboxOf = (ext: string) =>
    [...sandbox.state.follows.values()]
      .filter((f) => f.external_userid === ext)
      .sort((a, b) => a.userid.localeCompare(b.userid))
      .map((f) => ({ userId: f.userid, remark: f.remark, tags: [...f.tagIds].sort().join(',') }));
  const kinds = async (ext: string) =>
    (
      (
        await request(url)
          .get(`/api/admin/customers/${corpId()}/${ext}/timeline`)
          .set(auth())
          .expect(200)
      ).body as { kind: string }[]
    ).map((e) => e.kind);

  /** The scenario of the issue: adds, a remark and tag edit, a customer and a staff delete. */
  const scenario = async (settleEachStep: boolean) => {
    const [a, b, c] = staff();
    const tagId = [...sandbox.state.tags.keys()][0];
    const step = async (customers: string[]) => {
      if (settleEachStep) await settle(customers);
    };
    const x = (await act('/customers/add-staff', { userId: a, state: 'e2e-x' })).externalUserId;
    await step([x]);
    await act('/customers/add-staff', { userId: b, externalUserId: x });
    await step([x]);
    await act('/staff/edit-customer', {
      userId: a,
      externalUserId: x,
      remark: '林姐',
      addTags: [tagId],
    });
    await step([x]);
    await act('/customers/delete-staff', { userId: b, externalUserId: x });
    await step([x]);
    const y = (await act('/customers/add-staff', { userId: c })).externalUserId;
    await act('/customers/add-staff', { userId: a, externalUserId: y });
    await step([y]);
    await act('/staff/delete-customer', { userId: c, externalUserId: y });
    await settle([x, y]);
    return { x, y, a, b, c, tagId };
  };

  it('mirrors adds, edits and deletes; the API shows relations, tags and the timeline', async () => {
    const { x, y, a, b, c, tagId } = await scenario(true);
    for (const ext of [x, y]) expect(await mirrorOf(ext)).toEqual(sandboxOf(ext));
    expect(await mirrorOf(x)).toEqual([{ userId: a, remark: '林姐', tags: tagId }]);

    // tag names come from the tags module's tables when it has written them
    const tag = sandbox.state.tags.get(tagId)!;
    await db.query(`INSERT IGNORE INTO tag (corp_id, tag_id, group_id, name) VALUES (?, ?, ?, ?)`, [
      corpId(),
      tagId,
      tag.group_id,
      tag.name,
    ]);
    const detail = (
      await request(url).get(`/api/admin/customers/${corpId()}/${x}`).set(auth()).expect(200)
    ).body;
    expect(detail.customer.externalUserId).toBe(x);
    const byUser = Object.fromEntries(detail.follows.map((f: { userId: string }) => [f.userId, f]));
    expect(byUser[a]).toMatchObject({ status: 'active', state: 'e2e-x', remark: '林姐' });
    expect(byUser[a].tags).toEqual([
      expect.objectContaining({ tagId, source: 'wecom', tagName: tag.name, groupName: null }),
    ]);
    expect(byUser[b]).toMatchObject({ status: 'deleted_by_customer' });
    expect((await kinds(x)).sort()).toEqual(
      ['added', 'added', 'deleted_by_customer', 'remark_changed', 'tag_added'].sort(),
    );
    const yDetail = (
      await request(url).get(`/api/admin/customers/${corpId()}/${y}`).set(auth()).expect(200)
    ).body;
    expect(yDetail.follows.find((f: { userId: string }) => f.userId === c)).toMatchObject({
      status: 'deleted_by_staff',
    });
    expect((await kinds(y)).sort()).toEqual(['added', 'added', 'deleted_by_staff']);

    const list = (
      await request(url)
        .get(`/api/admin/customers?corpId=${corpId()}&state=e2e-x&limit=10`)
        .set(auth())
        .expect(200)
    ).body;
    expect(list.items.map((i: { externalUserId: string }) => i.externalUserId)).toContain(x);
    await request(url)
      .get(`/api/admin/customers?corpId=${corpId()}&limit=0`)
      .set(auth())
      .expect(400);
    await request(url).get(`/api/admin/customers/${corpId()}/wmnobody`).set(auth()).expect(404);
  });

  it('ends equal to the sandbox with duplicated and shuffled callbacks', async () => {
    await act('/config', { duplicateCallbacks: true, shuffleCallbacks: true });
    try {
      const { x, y } = await scenario(false);
      for (const ext of [x, y]) expect(await mirrorOf(ext)).toEqual(sandboxOf(ext));
      // each event on the timeline once, however often it was delivered
      expect((await kinds(y)).filter((k) => k === 'added')).toHaveLength(2);
      expect((await kinds(x)).filter((k) => k === 'deleted_by_customer')).toHaveLength(1);
    } finally {
      await act('/config', { duplicateCallbacks: false, shuffleCallbacks: false });
    }
  });
});
