import type { RunningSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 1)]);

/**
 * Broadcasts (客户群发 / 客户群群发) end to end against the sandbox: a tag-filtered broadcast to
 * ~300 customers of 10 staff, scheduled a few seconds ahead, becomes one add_msg_template task per
 * sender with each customer once; staff confirm some in the sandbox and the results converge;
 * remind is limited to 3 in 24 h; cancel stops the rest; a customer over the receive limit is
 * reported and not sent; a group broadcast to 30 groups of 4 owners is one task per owner.
 */
describe('broadcasts against the sandbox', () => {
  const saved = { ...process.env };
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  const api = () => request(stack.url);
  const corpId = () => sandbox.corp.corpId;
  const msgs = () => sandbox.state.groupMsgList;

  const staff10 = [
    'zhangwei',
    'wangfang',
    'lina',
    'liuyang',
    'chenjing',
    'yangli',
    'huangmin',
    'zhoujie',
    'wuting',
    'xuqiang',
  ];
  const groupOwners = ['yangli', 'zhoujie', 'maxiaoyu', 'heyu'];

  beforeAll(async () => {
    process.env.BROADCAST_POLL_INITIAL_MS = '300';
    process.env.BROADCAST_POLL_MAX_MS = '1000';
    stack = await startSandboxStack({
      sandbox: {
        seed: { customers: 600 },
        config: { massMessageLimit: 'day', groupMsgDispatchSeconds: 1 },
      },
    });
    sandbox = stack.sandbox;
    // 30 groups of the 4 owners (the seed gives them 16)
    const have = () =>
      sandbox.state.groupChatList.filter((g) => !g.dismissed && groupOwners.includes(g.owner));
    for (let i = 0; have().length < 30; i++)
      await stack.act('/groups', {
        ownerUserId: groupOwners[i % 4],
        name: `门店福利群${i + 1}`,
        externalUserIds: [...sandbox.state.customers.keys()].slice(i * 3, i * 3 + 3),
      });
    await api().post(`/api/admin/sync/${corpId()}`).set(stack.auth()).expect(202);
    await waitFor(
      'the full sync',
      async () => {
        const runs = (await api().get(`/api/admin/sync/${corpId()}`).set(stack.auth())).body;
        return runs[0] && runs[0].status !== 'running' ? runs[0] : undefined;
      },
      120_000,
    );
  });

  afterAll(async () => {
    await stack?.close();
    process.env = saved;
  });

  /** The sandbox's truth: customers with any of `tags`, followed by one of staff10. */
  const expected = (tags: string[]) => {
    const st = sandbox.state;
    const out = new Map<string, string>();
    for (const id of st.customers.keys()) {
      const follows = st.activeFollowsOfCustomer(id);
      const tagSet = new Set(follows.flatMap((f) => f.tagIds));
      if (!tags.some((t) => tagSet.has(t))) continue;
      const mine = follows
        .filter((f) => staff10.includes(f.userid))
        .sort((a, b) => b.createtime - a.createtime || a.userid.localeCompare(b.userid));
      if (mine.length) out.set(id, mine[0].userid);
    }
    return out;
  };

  const pickTags = () => {
    const all = [...sandbox.state.tags.keys()];
    for (let n = 1; n <= all.length; n++) {
      const tags = all.slice(0, n);
      if (expected(tags).size >= 280) return tags;
    }
    return all;
  };

  const get = async (id: string) =>
    (await api().get(`/api/admin/broadcasts/${id}?corpId=${corpId()}`).set(stack.auth())).body;
  const waitState = (id: string, states: string[], ms = 60_000) =>
    waitFor(
      `broadcast ${id} to be ${states.join('/')}`,
      async () => {
        const b = await get(id);
        return states.includes(b.state) ? b : undefined;
      },
      ms,
    );

  let tags: string[];
  let first: Row;
  let assetId: string;

  it('refuses an empty audience, text over 4,000 bytes and a past schedule, naming the field', async () => {
    tags = pickTags();
    const base = {
      corpId: corpId(),
      kind: 'customers',
      title: '空',
      audience: { type: 'filter', filter: { tags: [{ op: 'any', tagIds: tags }] } },
      text: '你好',
    };
    const empty = await api()
      .post('/api/admin/broadcasts')
      .set(stack.auth())
      .send({ ...base, audience: { type: 'filter', filter: { search: 'no-such-customer-xyz' } } })
      .expect(400);
    expect(Object.keys(empty.body.errors)).toEqual(['audience']);
    const long = await api()
      .post('/api/admin/broadcasts')
      .set(stack.auth())
      .send({ ...base, text: '好'.repeat(1334) }) // 4,002 bytes
      .expect(400);
    expect(Object.keys(long.body.errors)).toEqual(['text']);
    const past = await api()
      .post('/api/admin/broadcasts')
      .set(stack.auth())
      .send({ ...base, scheduledAt: new Date(Date.now() - 60_000).toISOString() })
      .expect(400);
    expect(Object.keys(past.body.errors)).toEqual(['scheduledAt']);
    const nothing = await api()
      .post('/api/admin/broadcasts')
      .set(stack.auth())
      .send({ ...base, text: '' })
      .expect(400);
    expect(Object.keys(nothing.body.errors)).toEqual(['text']);
    const many = await api()
      .post('/api/admin/broadcasts')
      .set(stack.auth())
      .send({
        ...base,
        attachments: Array.from({ length: 10 }, () => ({
          type: 'link',
          title: 't',
          url: 'https://example.com',
        })),
      })
      .expect(400);
    expect(Object.keys(many.body.errors)).toEqual(['attachments']);
    await api().post('/api/admin/broadcasts').send(base).expect(401);
  });

  it('schedules a tag-filtered broadcast: one task per sender, each customer once, from the sender the rule names', async () => {
    const want = expected(tags);
    expect(want.size).toBeGreaterThanOrEqual(200);
    expect(new Set(want.values()).size).toBe(10);
    assetId = (
      await api()
        .post(`/api/admin/media?corpId=${corpId()}&kind=image`)
        .set(stack.auth())
        .attach('file', png, 'poster.png')
        .expect(201)
    ).body.id;
    const body = {
      corpId: corpId(),
      kind: 'customers',
      title: '双十二预热',
      audience: {
        type: 'filter',
        filter: { tags: [{ op: 'any', tagIds: tags }], staffUserIds: staff10 },
      },
      senderUserIds: staff10,
      text: '双十二会员专享：全场 8 折',
      attachments: [
        { type: 'image', assetId },
        { type: 'link', title: '活动详情', url: 'https://example.com/1212' },
      ],
    };
    const preview = await api()
      .post('/api/admin/broadcasts/preview')
      .set(stack.auth())
      .send({
        corpId: body.corpId,
        kind: body.kind,
        audience: body.audience,
        senderUserIds: staff10,
      })
      .expect(200);
    expect(preview.body).toMatchObject({
      total: want.size,
      overLimit: 0,
      toSend: want.size,
      receiveLimit: 'day',
      tasks: 10,
    });
    expect(preview.body.senders).toHaveLength(10);

    const before = msgs().length;
    const scheduledAt = new Date(Date.now() + 4000).toISOString();
    const created = await api()
      .post('/api/admin/broadcasts')
      .set(stack.auth())
      .send({ ...body, scheduledAt })
      .expect(201);
    expect(created.body).toMatchObject({ state: 'scheduled', scheduledAt });
    await new Promise((r) => setTimeout(r, 1000));
    expect(msgs().length).toBe(before); // nothing before its time
    first = await waitState(created.body.id, ['sent']);
    expect(first).toMatchObject({ plannedCount: want.size, excludedCount: 0, taskCount: 10 });
    expect(new Date(first.sentAt).getTime()).toBeGreaterThanOrEqual(
      new Date(scheduledAt).getTime(),
    );

    const made = msgs().slice(before);
    expect(made).toHaveLength(10);
    const got = new Map<string, string>();
    for (const m of made) {
      expect(m.text).toEqual({ content: body.text });
      expect(m.attachments).toEqual([
        { msgtype: 'image', image: { media_id: expect.any(String) } },
        { msgtype: 'link', link: { title: '活动详情', url: 'https://example.com/1212' } },
      ]);
      for (const r of m.recipients) {
        expect(got.has(r.external_userid!)).toBe(false);
        expect(r.userid).toBe(m.creator);
        got.set(r.external_userid!, r.userid);
      }
    }
    expect(got).toEqual(want);
  });

  it('pulls results as staff confirm in WeCom, per staff and per recipient', async () => {
    const tasks = msgs().filter((m) => m.text?.content === '双十二会员专享：全场 8 折');
    const confirming = tasks.slice(0, 4);
    for (const m of confirming) await stack.act(`/groupmsg/${m.msgid}/send`, { userid: m.creator });
    const sentCount = confirming.reduce(
      (n, m) => n + m.recipients.filter((r) => r.status === 1).length,
      0,
    );
    expect(sentCount).toBeGreaterThan(0);
    const results = await waitFor(
      'results of the 4 confirmed tasks',
      async () => {
        const r = (
          await api()
            .get(`/api/admin/broadcasts/${first.id}/results?corpId=${corpId()}`)
            .set(stack.auth())
        ).body;
        return r.totals.sent === sentCount ? r : undefined;
      },
      30_000,
    );
    expect(results.totals.planned).toBe(first.plannedCount);
    expect(results.totals.pending).toBe(first.plannedCount - sentCount - results.totals.notFriend);
    const confirmedStaff = results.staff
      .filter((s: Row) => s.confirmed)
      .map((s: Row) => s.userId)
      .sort();
    expect(confirmedStaff).toEqual(confirming.map((m) => m.creator).sort());
    expect(results.departments.length).toBeGreaterThan(0);
    const someone = confirming[0].recipients.find((r) => r.status === 1)!;
    const rec = await api()
      .get(
        `/api/admin/broadcasts/${first.id}/recipients?corpId=${corpId()}&status=1&senderUserId=${confirming[0].creator}`,
      )
      .set(stack.auth())
      .expect(200);
    expect(rec.body.items.map((r: Row) => r.recipientId)).toContain(someone.external_userid);
    // by the names the operator knows: the customer's (WeCom's) and the sender's
    const item = rec.body.items.find((r: Row) => r.recipientId === someone.external_userid);
    const sender = sandbox.state.userList.find((u) => u.userid === confirming[0].creator)!;
    expect(item).toMatchObject({
      recipientName: sandbox.state.customers.get(someone.external_userid!)!.name,
      senderUserId: sender.userid,
      senderName: sender.name,
    });
    expect((await get(first.id)).state).toBe('sent'); // six senders have not confirmed yet
  });

  it('reminds at most 3 times in 24 hours, then says so', async () => {
    const left: number[] = [];
    for (let i = 0; i < 3; i++)
      left.push(
        (
          await api()
            .post(`/api/admin/broadcasts/${first.id}/remind?corpId=${corpId()}`)
            .set(stack.auth())
            .expect(200)
        ).body.remindsLeft,
      );
    expect(left).toEqual([2, 1, 0]);
    const refused = await api()
      .post(`/api/admin/broadcasts/${first.id}/remind?corpId=${corpId()}`)
      .set(stack.auth())
      .expect(429);
    expect(refused.body.message).toMatch(/24 小时内最多提醒 3 次.*41094/);
    const unsent = msgs().filter(
      (m) =>
        m.text?.content === '双十二会员专享：全场 8 折' && [...m.tasks.values()][0].status === 0,
    );
    for (const m of unsent) expect(m.remindTimes).toHaveLength(3);
    expect((await get(first.id)).remindsLeft).toBe(0);
  });

  it('cancels: unsent tasks stop in WeCom, reminders are refused with 41093’s sentence', async () => {
    const canceled = await api()
      .post(`/api/admin/broadcasts/${first.id}/cancel?corpId=${corpId()}`)
      .set(stack.auth())
      .expect(200);
    expect(canceled.body.state).toBe('canceled');
    const ours = msgs().filter((m) => m.text?.content === '双十二会员专享：全场 8 折');
    expect(ours.filter((m) => m.canceled)).toHaveLength(6);
    const refused = await api()
      .post(`/api/admin/broadcasts/${first.id}/remind?corpId=${corpId()}`)
      .set(stack.auth())
      .expect(409);
    expect(refused.body.message).toMatch(/已取消.*41093/);
    const late = ours.find((m) => m.canceled)!;
    const res = await request(sandbox.url)
      .post(`/sandbox/groupmsg/${late.msgid}/send`)
      .send({ userid: late.creator });
    expect(res.status).toBe(400);
  });

  it('reports a customer over the receive limit and leaves them out', async () => {
    const sentTo = msgs()
      .filter((m) => m.text?.content === '双十二会员专享：全场 8 折')
      .flatMap((m) => m.recipients.filter((r) => r.status === 1).map((r) => r.external_userid!));
    const over = sentTo[0];
    const fresh = [...expected(tags).keys()].filter((id) => !sentTo.includes(id)).slice(0, 3);
    const audience = { type: 'list', externalUserIds: [over, ...fresh] };
    const preview = await api()
      .post('/api/admin/broadcasts/preview')
      .set(stack.auth())
      .send({ corpId: corpId(), kind: 'customers', audience })
      .expect(200);
    expect(preview.body).toMatchObject({ total: 4, overLimit: 1, toSend: 3 });
    const before = msgs().length;
    const b = (
      await api()
        .post('/api/admin/broadcasts')
        .set(stack.auth())
        .send({ corpId: corpId(), kind: 'customers', title: '名单', audience, text: '第二条' })
        .expect(201)
    ).body;
    const done = await waitState(b.id, ['sent']);
    expect(done).toMatchObject({ plannedCount: 3, excludedCount: 1 });
    const sentIds = msgs()
      .slice(before)
      .flatMap((m) => m.recipients.map((r) => r.external_userid));
    expect(sentIds.sort()).toEqual([...fresh].sort());
    const excluded = await api()
      .get(`/api/admin/broadcasts/${b.id}/recipients?corpId=${corpId()}&status=10`)
      .set(stack.auth())
      .expect(200);
    expect(excluded.body.items.map((r: Row) => r.recipientId)).toEqual([over]);
  });

  it('sends a group broadcast to 30 groups of 4 owners as one task per owner', async () => {
    const groups = sandbox.state.groupChatList.filter(
      (g) => !g.dismissed && groupOwners.includes(g.owner),
    );
    expect(groups).toHaveLength(30);
    const before = msgs().length;
    const b = (
      await api()
        .post('/api/admin/broadcasts')
        .set(stack.auth())
        .send({
          corpId: corpId(),
          kind: 'groups',
          title: '群发通知',
          audience: { type: 'groups', ownerUserIds: groupOwners },
          text: '本周六门店活动',
        })
        .expect(201)
    ).body;
    const done = await waitState(b.id, ['sent']);
    expect(done).toMatchObject({ plannedCount: 30, taskCount: 4 });
    const made = msgs().slice(before);
    expect(made.map((m) => m.chat_type)).toEqual(['group', 'group', 'group', 'group']);
    expect(made.map((m) => m.creator).sort()).toEqual([...groupOwners].sort());
    expect(made.flatMap((m) => m.recipients.map((r) => r.chat_id)).sort()).toEqual(
      groups.map((g) => g.chat_id).sort(),
    );
    for (const m of made) await stack.act(`/groupmsg/${m.msgid}/send`, { userid: m.creator });
    const final = await waitState(b.id, ['completed'], 30_000);
    const results = (
      await api()
        .get(`/api/admin/broadcasts/${final.id}/results?corpId=${corpId()}`)
        .set(stack.auth())
    ).body;
    expect(results.totals).toMatchObject({ planned: 30, sent: 30, sentRate: 1 });
    // each group by its name
    const rec = (
      await api()
        .get(`/api/admin/broadcasts/${final.id}/recipients?corpId=${corpId()}&limit=100`)
        .set(stack.auth())
        .expect(200)
    ).body;
    const byId = (a: string[], b: string[]) => (a[0] < b[0] ? -1 : 1);
    expect(rec.items.map((r: Row) => [r.recipientId, r.recipientName]).sort(byId)).toEqual(
      groups.map((g) => [g.chat_id, g.name]).sort(byId),
    );
  });

  it('lists broadcasts, calendar entries and the staff’s own mass messages', async () => {
    const list = (
      await api().get(`/api/admin/broadcasts?corpId=${corpId()}`).set(stack.auth()).expect(200)
    ).body;
    expect(list.map((b: Row) => b.state)).toEqual(['completed', 'sent', 'canceled']);
    const cal = (
      await api()
        .get(
          `/api/admin/broadcasts/calendar?corpId=${corpId()}&from=${new Date(Date.now() - 86400_000).toISOString()}&to=${new Date(Date.now() + 86400_000).toISOString()}`,
        )
        .set(stack.auth())
        .expect(200)
    ).body;
    expect(cal.map((e: Row) => e.kind).sort()).toEqual([
      'broadcast',
      'broadcast',
      'group_broadcast',
    ]);
    // a mass message a member made in the WeCom app
    const st = sandbox.state;
    const own = {
      ...msgs()[0],
      msgid: 'msgPersonal0001',
      create_type: 1,
      creator: 'lina',
      text: { content: '我自己的群发' },
      seq: st.nextSeq(),
      create_time: st.now(),
    };
    st.groupMsgs.set(own.msgid, own);
    st.groupMsgList.push(own);
    const personal = (
      await api()
        .get(`/api/admin/broadcasts/personal?corpId=${corpId()}`)
        .set(stack.auth())
        .expect(200)
    ).body;
    expect(personal).toEqual([
      expect.objectContaining({ msgid: 'msgPersonal0001', creator: 'lina', text: '我自己的群发' }),
    ]);
  });
});
