import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

type Row = Record<string, unknown>;

/**
 * Marks against the sandbox: the console marks one relation or all of a customer's (WeCom and
 * the mirror, source `manual`, a timeline entry), a mark made in the WeCom app arrives as source
 * `wecom`, and a CSV import's dry run reports unknown tags and customers, then marks (`import`,
 * evidence: the file and the line).
 */
describe('tag marks: by hand, from the WeCom app, by CSV import', () => {
  let stack: SandboxStack;
  let corpId: string;
  let customer: string;
  let staff: string[];
  let tagId: string;
  let tag2: string;
  const api = () => request(stack.url);
  const st = () => stack.sandbox.state;
  const marksOf = async (externalUserId: string): Promise<Row[]> =>
    stack.db.query(
      `SELECT user_id AS userId, tag_id AS tagId, source, actor, evidence
       FROM customer_tag WHERE corp_id = ? AND external_user_id = ? ORDER BY user_id, tag_id`,
      [corpId, externalUserId],
    );

  beforeAll(async () => {
    stack = await startSandboxStack({ sandbox: { seed: { customers: 60 } } });
    corpId = stack.sandbox.corp.corpId;
    await api().post(`/api/admin/sync/${corpId}`).set(stack.auth()).expect(202);
    await waitFor(
      'the full sync',
      async () => {
        const runs = (await api().get(`/api/admin/sync/${corpId}`).set(stack.auth())).body;
        return runs[0]?.status === 'done' ? true : undefined;
      },
      120_000,
    );
    // a customer with two staff members
    const byCustomer = new Map<string, string[]>();
    for (const f of st().follows.values())
      byCustomer.set(f.external_userid, [...(byCustomer.get(f.external_userid) ?? []), f.userid]);
    const two = [...byCustomer.entries()].find(([, users]) => users.length >= 2);
    if (!two) throw new Error('the seed has no customer with two staff members');
    [customer, staff] = two;
    const g = await api()
      .post('/api/admin/tags/groups')
      .set(stack.auth())
      .send({ corpId, name: '手工标签', tags: [{ name: '重点' }, { name: '回访' }] })
      .expect(201);
    [tagId, tag2] = g.body.tagIds;
  });
  afterAll(() => stack?.close());

  it('marks one relation, then all of the customer’s, as manual with the admin as actor', async () => {
    const one = await api()
      .post(`/api/admin/tags/customers/${customer}`)
      .set(stack.auth())
      .send({ corpId, userId: staff[0], addTagIds: [tagId], removeTagIds: [] })
      .expect(200);
    expect(one.body.done).toEqual([{ externalUserId: customer, userId: staff[0] }]);
    expect(st().getFollow(staff[0], customer)!.tagIds).toContain(tagId);
    expect(st().getFollow(staff[1], customer)!.tagIds).not.toContain(tagId);
    await api()
      .post(`/api/admin/tags/customers/${customer}`)
      .set(stack.auth())
      .send({ corpId, addTagIds: [tag2], removeTagIds: [tagId] })
      .expect(200);
    for (const u of staff) {
      expect(st().getFollow(u, customer)!.tagIds).toContain(tag2);
      expect(st().getFollow(u, customer)!.tagIds).not.toContain(tagId);
    }
    const marks = (await marksOf(customer)).filter((m) =>
      [tagId, tag2].includes(m.tagId as string),
    );
    expect(marks.map((m) => [m.userId, m.tagId, m.source, m.actor])).toEqual(
      staff.map((u) => [u, tag2, 'manual', process.env.ADMIN_INITIAL_USERNAME]).sort(),
    );
    const [{ n }] = await stack.db.query(
      "SELECT COUNT(*) AS n FROM customer_timeline WHERE corp_id = ? AND external_user_id = ? AND kind IN ('tag_added', 'tag_removed')",
      [corpId, customer],
    );
    expect(Number(n)).toBeGreaterThanOrEqual(staff.length + 1);
    // each relation's entry says who marked: the admin, not the relation's staff member
    const entries = await stack.db.query(
      "SELECT user_id AS userId, detail FROM customer_timeline WHERE corp_id = ? AND external_user_id = ? AND kind = 'tag_added'",
      [corpId, customer],
    );
    const details = entries.map((e: { detail: unknown }) =>
      typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail,
    );
    expect(details.length).toBeGreaterThan(0);
    for (const d of details)
      expect(d).toMatchObject({ source: 'manual', actor: process.env.ADMIN_INITIAL_USERNAME });
  });

  it('refuses an unknown tag and a relation that does not exist', async () => {
    const bad = await api()
      .post(`/api/admin/tags/customers/${customer}`)
      .set(stack.auth())
      .send({ corpId, addTagIds: ['etNOPE'], removeTagIds: [] })
      .expect(400);
    expect(bad.body.errors.addTagIds[0]).toMatch(/etNOPE/);
    await api()
      .post(`/api/admin/tags/customers/${customer}`)
      .set(stack.auth())
      .send({ corpId, userId: 'nobody', addTagIds: [tagId], removeTagIds: [] })
      .expect(404);
  });

  it('a mark made in the WeCom app arrives by edit_external_contact as source wecom', async () => {
    const other = [...st().follows.values()].find((f) => f.external_userid !== customer)!;
    await stack.act('/staff/edit-customer', {
      userId: other.userid,
      externalUserId: other.external_userid,
      addTags: [tagId],
    });
    const mark = await waitFor('the callback', async () =>
      (await marksOf(other.external_userid)).find(
        (m) => m.tagId === tagId && m.userId === other.userid,
      ),
    );
    expect(mark).toMatchObject({ source: 'wecom', actor: null });
  });

  it('the import dry run reports unknown tags and customers; the real run marks with evidence', async () => {
    const known = [...st().follows.values()].filter((f) => f.external_userid !== customer)[5];
    const withRemark = [...st().follows.values()].find(
      (f) => f.remark && f.external_userid !== known.external_userid,
    );
    const csv = [
      'external_userid,remark,标签',
      `${known.external_userid},,手工标签/回访;不存在的标签`,
      `wmNOBODY,,重点`,
      withRemark ? `,${withRemark.remark},重点` : `${known.external_userid},,重点`,
    ].join('\n');
    const dry = await api()
      .post('/api/admin/tags/import')
      .set(stack.auth())
      .send({ corpId, fileName: 'vip.csv', csv, dryRun: true })
      .expect(200);
    expect(dry.body.job).toBeNull();
    expect(dry.body.report).toMatchObject({
      fileName: 'vip.csv',
      lines: 3,
      matchedLines: 2,
      unknownTags: [{ line: 2, name: '不存在的标签' }],
      unknownCustomers: [{ line: 3, key: 'wmNOBODY' }],
    });
    expect(st().getFollow(known.userid, known.external_userid)!.tagIds).not.toContain(tag2);

    const real = await api()
      .post('/api/admin/tags/import')
      .set(stack.auth())
      .send({ corpId, fileName: 'vip.csv', csv, dryRun: false })
      .expect(200);
    const id = real.body.job.id;
    const end = await waitFor('the import job', async () => {
      const j = (await api().get(`/api/admin/tags/jobs/${id}`).query({ corpId }).set(stack.auth()))
        .body;
      return j.state === 'done' ? j : undefined;
    });
    expect(end).toMatchObject({ kind: 'import', total: dry.body.report.relations, failed: 0 });
    expect(st().getFollow(known.userid, known.external_userid)!.tagIds).toContain(tag2);
    const mark = (await marksOf(known.external_userid)).find(
      (m) => m.tagId === tag2 && m.userId === known.userid,
    )!;
    expect(mark.source).toBe('import');
    expect(typeof mark.evidence === 'string' ? JSON.parse(mark.evidence) : mark.evidence).toEqual({
      file: 'vip.csv',
      line: 2,
    });
  });

  it('a bulk job can be cancelled; the list shows it', async () => {
    const started = await api()
      .post('/api/admin/tags/jobs')
      .set(stack.auth())
      .send({ corpId, filter: {}, addTagIds: [tagId], removeTagIds: [] })
      .expect(201);
    const id = started.body.id;
    const cancel = await api()
      .post(`/api/admin/tags/jobs/${id}/cancel`)
      .set(stack.auth())
      .send({ corpId });
    // it may have finished already (60 customers): then the cancel is refused, 409
    expect([200, 409]).toContain(cancel.status);
    const end = await waitFor('the job to end', async () => {
      const j = (await api().get(`/api/admin/tags/jobs/${id}`).query({ corpId }).set(stack.auth()))
        .body;
      return ['done', 'cancelled'].includes(j.state) ? j : undefined;
    });
    if (cancel.status === 200) expect(end.state).toBe('cancelled');
    const list = (await api().get('/api/admin/tags/jobs').query({ corpId }).set(stack.auth())).body;
    expect(list[0]).toMatchObject({ id, kind: 'bulk' });
  });
});
