import request from 'supertest';
import { TagMarkService } from '../../src/tags/tag-mark.service';
import { TagSource } from '../../src/tags/entities/customer-tag.entity';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * Inheritance (离职/在职继承) end to end against the sandbox: a departing guide with 250
 * customers and 3 groups handed to a successor in batches of 100; some customers refuse (the
 * sandbox sends transfer_fail), some hit the successor's limit, one transferred twice in 90 days
 * is refused at preview, the rest are accepted once the sandbox's business clock passes 24 h;
 * the refused ones re-routed to a second successor; tags, notes and history carried over.
 */
/** Waits until `check` is truthy. */
const until = (check: () => Promise<unknown>, ms = 30_000) =>
  waitFor(check.toString().slice(0, 120), async () => ((await check()) ? true : undefined), ms);

describe('inheritance (离职/在职继承) against the sandbox', () => {
  let stack: SandboxStack;
  const corpId = () => stack.sandbox.corp.corpId;
  const api = () => request(stack.url);
  const auth = () => stack.auth();
  const act = (path: string, body: Record<string, unknown>) => stack.act(path, body);
  const calls = async () =>
    (await request(stack.sandbox.url).get('/sandbox/transfers/calls').expect(200)).body as {
      perApi: Record<string, number>;
      perCustomer: Record<string, number>;
    };
  const detail = async (id: string) =>
    (await api().get(`/api/admin/transfers/${id}?corpId=${corpId()}`).set(auth()).expect(200)).body;
  const count = (d: { counts: Record<string, number> }, key: string) => d.counts[key] ?? 0;
  const relationCount = async (userId: string) =>
    Number(
      (
        await stack.db.query(
          `SELECT COUNT(*) AS n FROM follow_relation WHERE corp_id = ? AND user_id = ? AND status = 'active'`,
          [corpId(), userId],
        )
      )[0].n,
    );

  const customers: string[] = [];
  const groups: string[] = [];

  beforeAll(async () => {
    process.env.TRANSFER_POLL_MIN_MS = '300';
    process.env.TRANSFER_SEND_LEASE_MS = '1500';
    stack = await startSandboxStack({
      sandbox: { seed: { customers: 0 }, config: { callbackConcurrency: 8 } },
    });
    for (const u of stack.sandbox.state.userList)
      await stack.db.query(
        `INSERT INTO staff (corp_id, user_id, name, department_ids, wecom_status, customer_contact)
         VALUES (?, ?, ?, ?, 1, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)`,
        [corpId(), u.userid, u.name, JSON.stringify(u.department), u.customerContact ? 1 : 0],
      );
    for (const [userid, name] of [
      ['guide_leaving', '离职导购'],
      ['guide_next', '接替导购'],
      ['guide_second', '第二接替'],
    ])
      await act('/users', { userid, name, department: [1], customerContact: true });
    await until(async () => {
      const rows = await stack.db.query(
        `SELECT COUNT(*) AS n FROM staff WHERE corp_id = ? AND user_id LIKE 'guide_%' AND customer_contact = 1`,
        [corpId()],
      );
      return Number(rows[0].n) === 3;
    }, 30_000);
    for (let i = 0; i < 250; i++) {
      const r = await act('/customers/add-staff', {
        userId: 'guide_leaving',
        customer: { name: `客户${String(i).padStart(3, '0')}` },
      });
      customers.push(r.externalUserId);
    }
    for (let g = 0; g < 3; g++) {
      const chat = await act('/groups', {
        ownerUserId: 'guide_leaving',
        name: `门店群${g + 1}`,
        externalUserIds: customers.slice(g * 10, g * 10 + 5),
      });
      groups.push(chat.chatId);
    }
    await until(async () => (await relationCount('guide_leaving')) === 250, 60_000);
    await until(async () => {
      const rows = await stack.db.query(
        `SELECT COUNT(*) AS n FROM group_chat WHERE corp_id = ? AND owner_user_id = 'guide_leaving'`,
        [corpId()],
      );
      return Number(rows[0].n) === 3;
    }, 30_000);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
    delete process.env.TRANSFER_POLL_MIN_MS;
    delete process.env.TRANSFER_SEND_LEASE_MS;
  });

  let twice: string;
  const tagged: string[] = [];

  it('an active-staff transfer (在职继承) carries its message and counts against 2-in-90-days', async () => {
    twice = customers[249];
    tagged.push(customers[10], customers[11], customers[12]);
    // the successor already is customers[12]'s friend: no add event will fire at takeover
    await act('/customers/add-staff', { userId: 'guide_next', externalUserId: customers[12] });
    await act('/staff/edit-customer', {
      userId: 'guide_leaving',
      externalUserId: customers[10],
      remark: '老客户',
      description: '喜欢蓝色，周末来店',
    });
    const tagId = [...stack.sandbox.state.tags.keys()][0];
    await stack.app.get(TagMarkService).mark({
      corpId: corpId(),
      relations: tagged.map((externalUserId) => ({ externalUserId, userId: 'guide_leaving' })),
      tagIds: [tagId],
      source: TagSource.Manual,
      actor: 'admin',
    });
    const bad = await api()
      .post('/api/admin/transfers/preview')
      .set(auth())
      .send({
        corpId: corpId(),
        kind: 'onjob',
        handoverUserId: 'guide_leaving',
        split: 'manual',
        message: '长'.repeat(201),
      })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/message/);

    // there and back: two accepted handovers of one customer
    for (const [from, to] of [
      ['guide_leaving', 'guide_next'],
      ['guide_next', 'guide_leaving'],
    ]) {
      const started = await api()
        .post('/api/admin/transfers')
        .set(auth())
        .send({
          corpId: corpId(),
          kind: 'onjob',
          handoverUserId: from,
          split: 'manual',
          assignments: [{ itemType: 'customer', targetId: twice, takeoverUserId: to }],
          includeGroups: false,
          message: '您好，之后由同事为您服务',
        })
        .expect(201);
      expect(started.body.total).toBeGreaterThanOrEqual(1);
      await until(
        async () => count(await detail(started.body.id), 'customer.waiting') === 1,
        30_000,
      );
      const rec = stack.sandbox.state.pendingTransfer(twice);
      expect(rec?.transfer_success_msg).toBe('您好，之后由同事为您服务');
      await act('/transfers/respond', { externalUserId: twice, accept: true });
      await api()
        .post(`/api/admin/transfers/${started.body.id}/poll?corpId=${corpId()}`)
        .set(auth())
        .expect(200);
      await until(async () => (await detail(started.body.id)).status === 'finished', 30_000);
      const d = await detail(started.body.id);
      expect(count(d, 'customer.accepted')).toBe(1);
      // the rest of the member's customers were not planned to anyone: blocked, not sent
      expect(d.items.filter((i: { state: string }) => i.state === 'accepted')).toHaveLength(1);
    }
    await until(async () => (await relationCount('guide_leaving')) === 250, 30_000);
    // a third in 90 days is refused at preview
    const third = await api()
      .post('/api/admin/transfers/preview')
      .set(auth())
      .send({
        corpId: corpId(),
        kind: 'onjob',
        handoverUserId: 'guide_leaving',
        split: 'manual',
        assignments: [{ itemType: 'customer', targetId: twice, takeoverUserId: 'guide_next' }],
        includeGroups: false,
      })
      .expect(200);
    const item = third.body.items.find((i: { targetId: string }) => i.targetId === twice);
    expect(item).toMatchObject({ state: 'blocked', reason: 'twice_in_90_days' });
    expect(item.sentence).toMatch(/90 天内已被转接 2 次/);
  });

  let transferId: string;

  it('lists the departure with its customers and groups, and previews the plan with reasons', async () => {
    await act('/users/guide_leaving/leave', {});
    await until(async () => {
      const res = await api()
        .post(`/api/admin/transfers/departures/refresh?corpId=${corpId()}`)
        .set(auth())
        .expect(200);
      const d = res.body.find((x: { userId: string }) => x.userId === 'guide_leaving');
      return d && d.customers === 250 && d.groups === 3;
    }, 30_000);
    await api().get(`/api/admin/transfers/departures?corpId=${corpId()}`).expect(401);
    const plan = {
      corpId: corpId(),
      kind: 'resigned',
      handoverUserId: 'guide_leaving',
      split: 'single',
      takeoverUserId: 'guide_next',
    };
    const bad = await api()
      .post('/api/admin/transfers/preview')
      .set(auth())
      .send({ ...plan, split: 'sideways' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/split/);
    const preview = await api()
      .post('/api/admin/transfers/preview')
      .set(auth())
      .send(plan)
      .expect(200);
    expect(preview.body).toMatchObject({ customers: 250, groups: 3, blocked: 1, batches: 4 });
    expect(preview.body.bySuccessor.guide_next).toEqual({ customers: 249, groups: 3 });

    // the successor may take 240 more customers: the rest hit WeCom's limit at takeover
    const next = await relationCount('guide_next');
    await request(stack.sandbox.url)
      .post('/sandbox/config')
      .send({ customerLimitPerUser: next + 240 })
      .expect(200);

    const started = await api().post('/api/admin/transfers').set(auth()).send(plan).expect(201);
    transferId = started.body.id;
    await until(async () => (await detail(transferId)).status === 'tracking', 60_000);
    const c = await calls();
    expect(c.perApi['resigned/transfer_customer']).toBe(3);
    expect(c.perApi['groupchat/transfer']).toBe(1);
    for (const id of customers.slice(0, 249)) expect(c.perCustomer[id]).toBe(1);
    const d = await detail(transferId);
    expect(count(d, 'customer.waiting')).toBe(249);
    expect(count(d, 'customer.blocked')).toBe(1);
    expect(count(d, 'group.accepted')).toBe(3);
    const waiting = d.items.find((i: { state: string }) => i.state === 'waiting');
    expect(waiting.takeoverAt).toBeTruthy();
    const audit = await api()
      .get(`/api/admin/transfers/audit?corpId=${corpId()}`)
      .set(auth())
      .expect(200);
    expect(audit.body[0]).toMatchObject({ transferId, actor: 'admin', action: 'start' });
  });

  it('follows every customer to a final state: refusals by callback, limit, takeover after 24 h', async () => {
    // the successor was told by an app message (a textcard) what is coming to them
    type Notice = { msgtype: string; content: { title: string; description: string; url: string } };
    const notices = async (): Promise<Notice[]> =>
      (await request(stack.sandbox.url).get('/sandbox/app-messages?userid=guide_next').expect(200))
        .body.appMessages;
    const departureNotice = async () =>
      (await notices()).find((n) => n.content.description.includes('离职继承'));
    await until(async () => (await departureNotice()) !== undefined, 30_000);
    const notice = (await departureNotice())!;
    expect(notice.msgtype).toBe('textcard');
    expect(notice.content.description).toContain('249 位客户和3 个客户群将交接给你');
    expect(notice.content.url).toMatch(/\/customers\?userId=guide_next$/);

    const refusing = customers.slice(100, 105);
    for (const id of refusing)
      await act('/transfers/respond', { externalUserId: id, accept: false });
    await until(async () => count(await detail(transferId), 'customer.refused') === 5, 30_000);
    const refused = (await detail(transferId)).items.filter(
      (i: { state: string }) => i.state === 'refused',
    );
    expect(refused[0].sentence).toBe('客户拒绝了转接');

    await act('/clock/advance', { seconds: 86_400 + 60 });
    await api()
      .post(`/api/admin/transfers/${transferId}/poll?corpId=${corpId()}`)
      .set(auth())
      .expect(200);
    await until(async () => (await detail(transferId)).status === 'finished', 30_000);
    const d = await detail(transferId);
    // 240 new friends fit under the limit, and the one who already was a friend
    expect(count(d, 'customer.accepted')).toBe(241);
    expect(count(d, 'customer.limit_reached')).toBe(3);
    const limited = d.items.find((i: { state: string }) => i.state === 'limit_reached');
    expect(limited.sentence).toBe('接替成员的客户数量已达上限');
    expect(count(d, 'customer.refused')).toBe(5);
    expect(d.done).toBe(d.total);
  });

  it('re-routes the refused and limited customers to a second successor in one action', async () => {
    const before = await calls();
    const res = await api()
      .post(`/api/admin/transfers/${transferId}/retry`)
      .set(auth())
      .send({ corpId: corpId(), takeoverUserId: 'guide_second' })
      .expect(200);
    expect(res.body.status).not.toBe('finished');
    await until(async () => count(await detail(transferId), 'customer.waiting') === 8, 30_000);
    const after = await calls();
    expect(
      after.perApi['resigned/transfer_customer'] - before.perApi['resigned/transfer_customer'],
    ).toBe(1);
    await act('/clock/advance', { seconds: 86_400 + 60 });
    await api()
      .post(`/api/admin/transfers/${transferId}/poll?corpId=${corpId()}`)
      .set(auth())
      .expect(200);
    await until(async () => (await detail(transferId)).status === 'finished', 30_000);
    const d = await detail(transferId);
    expect(count(d, 'customer.accepted')).toBe(249);
    const audit = await api()
      .get(`/api/admin/transfers/audit?corpId=${corpId()}`)
      .set(auth())
      .expect(200);
    expect(audit.body[0]).toMatchObject({ transferId, action: 'retry' });
  });

  it('carries tags, notes and history over to the successor (also one already a friend)', async () => {
    const id = tagged[0];
    await until(async () => {
      const res = await api().get(`/api/admin/customers/${corpId()}/${id}`).set(auth()).expect(200);
      const f = res.body.follows.find(
        (x: { userId: string; status: string }) =>
          x.userId === 'guide_next' && x.status === 'active',
      );
      return !!f && f.tags?.length > 0;
    }, 30_000);
    const read = async () =>
      (await api().get(`/api/admin/customers/${corpId()}/${id}`).set(auth()).expect(200)).body;
    await until(async () =>
      (await read()).timeline.some((e: { kind: string }) => e.kind === 'handed_over'),
    );
    const res = { body: await read() };
    const kinds = res.body.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('handed_over');
    const handed = res.body.timeline.find((e: { kind: string }) => e.kind === 'handed_over');
    expect(handed.detail.text).toBe('离职导购 交接给 接替导购');
    // the departed guide's relation ends as handed over, not as deleted by the customer
    expect(
      res.body.follows.find((x: { userId: string }) => x.userId === 'guide_leaving'),
    ).toMatchObject({ status: 'transferred_out' });
    const follow = res.body.follows.find(
      (x: { userId: string; status: string }) => x.userId === 'guide_next' && x.status === 'active',
    );
    expect(follow).toMatchObject({ remark: '老客户', description: '喜欢蓝色，周末来店' });
    // the mark keeps its source: a person's tag stays a person's
    expect(follow.tags.map((t: { source: string }) => t.source)).toEqual(['manual']);

    // already a friend: no add event fired, yet the tags and the history came along
    const friend = customers[12];
    await until(async () => {
      const body = (
        await api().get(`/api/admin/customers/${corpId()}/${friend}`).set(auth()).expect(200)
      ).body;
      const f = body.follows.find(
        (x: { userId: string; status: string }) =>
          x.userId === 'guide_next' && x.status === 'active',
      );
      return (
        f?.tags?.some((t: { source: string }) => t.source === 'manual') &&
        body.timeline.some((e: { kind: string }) => e.kind === 'handed_over')
      );
    });
    const wecomTags = stack.sandbox.state.getFollow('guide_next', friend)?.tagIds ?? [];
    expect(wecomTags.length).toBeGreaterThan(0);

    // what the successor sees in the sidebar: the notes, the tags, the handover in the history
    const redirect = await request(stack.sandbox.url)
      .get('/connect/oauth2/sandbox-login')
      .query({
        userid: 'guide_next',
        redirect_uri: 'http://127.0.0.1:5174/',
        state: 's',
        scope: 'snsapi_base',
      })
      .redirects(0);
    const code = new URL(redirect.headers.location).searchParams.get('code');
    const session = await api().post('/api/sidebar/session').send({ code }).expect(200);
    const sidebar = (
      await api()
        .get(`/api/sidebar/customers/${id}`)
        .set('Authorization', `Bearer ${session.body.token}`)
        .expect(200)
    ).body;
    expect(sidebar.relation).toMatchObject({ remark: '老客户', description: '喜欢蓝色，周末来店' });
    expect(sidebar.tagGroups.flatMap((g: { tags: unknown[] }) => g.tags)).toHaveLength(1);
    expect(sidebar.timeline.map((e: { kind: string }) => e.kind)).toContain('handed_over');
  });
});
