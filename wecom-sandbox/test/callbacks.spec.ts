import { decrypt, getSignature } from '@wecom/crypto';
import { staffEditsCustomer, joinGroup } from '../src/actions';
import { Client, Receiver, sleep, startClient, startReceiver } from './helpers';

describe('callbacks: events, encryption, welcome codes', () => {
  let c: Client;
  let rx: Receiver;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 200 } });
    rx = await startReceiver(c.sb.corp.callback.token, c.sb.corp.callback.encodingAESKey);
    await c.act('config', { callbackUrl: rx.url });
  });
  afterAll(async () => {
    await c.sb.close();
    await rx.close();
  });
  beforeEach(() => {
    rx.received.length = 0;
  });

  const next = async () => (await rx.waitFor(rx.received.length + 1)).at(-1)!;

  it('customer scans a single-person code: add_half_external_contact (skip_verify) encrypted and signed like WeCom', async () => {
    const way = await c.post('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['lina'],
      state: 'poster_qixi',
    });
    const scan = await c.act('customers/scan', {
      configId: way.config_id,
      customer: { name: '林小姐', gender: 2 },
    });
    expect(scan).toMatchObject({
      ok: true,
      userId: 'lina',
      changeType: 'add_half_external_contact',
      welcomeCode: expect.any(String),
    });
    const cb = (await rx.waitFor(1))[0];
    expect(cb.signatureOk).toBe(true);
    expect(cb.receiveId).toBe(c.sb.corp.corpId);
    expect(cb.query).toEqual({
      msg_signature: expect.any(String),
      timestamp: expect.stringMatching(/^\d+$/),
      nonce: expect.any(String),
    });
    expect(cb.body).toMatch(
      /^<xml><ToUserName><!\[CDATA\[ww5f3a9c1e7b2d4068\]\]><\/ToUserName><Encrypt><!\[CDATA\[.+\]\]><\/Encrypt><AgentID><!\[CDATA\[1000002\]\]><\/AgentID><\/xml>$/,
    );
    expect(
      getSignature(
        c.sb.corp.callback.token,
        cb.query.timestamp,
        cb.query.nonce,
        String(cb.outer.Encrypt),
      ),
    ).toBe(cb.query.msg_signature);
    expect(decrypt(c.sb.corp.callback.encodingAESKey, String(cb.outer.Encrypt)).message).toBe(
      cb.innerXml,
    );
    expect(cb.event).toEqual({
      ToUserName: c.sb.corp.corpId,
      FromUserName: 'sys',
      CreateTime: expect.stringMatching(/^\d{10}$/),
      MsgType: 'event',
      Event: 'change_external_contact',
      ChangeType: 'add_half_external_contact',
      UserID: 'lina',
      ExternalUserID: scan.externalUserId,
      State: 'poster_qixi',
      WelcomeCode: scan.welcomeCode,
    });
    expect(cb.innerXml).toContain('<UserID><![CDATA[lina]]></UserID>');
    // The relation is visible through the API with the state.
    const got = await c.get('externalcontact/get', { external_userid: scan.externalUserId });
    expect(got.external_contact.name).toBe('林小姐');
    expect(got.follow_user[0]).toMatchObject({
      userid: 'lina',
      state: 'poster_qixi',
      add_way: 1,
      oper_userid: scan.externalUserId,
    });
  });

  it('skip_verify false gives add_external_contact; the callback URL has {corpId} replaced', async () => {
    const way = await c.post('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['chenjing'],
      skip_verify: false,
    });
    const scan = await c.act('customers/scan', { configId: way.config_id });
    const cb = await next();
    expect(cb.event.ChangeType).toBe('add_external_contact');
    expect(cb.event.State).toBeUndefined();
    expect(cb.event.ExternalUserID).toBe(scan.externalUserId);
    const d = c.sb.state.callbackDeliveries.at(-1)!;
    expect(d.url).toContain(`/wecom/callback/${c.sb.corp.corpId}`);
  });

  it('send_welcome_msg: once within 20 s; second use 41051; stale 41050; missing 41049', async () => {
    const way = await c.post('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['wuting'],
    });
    const s1 = await c.act('customers/scan', { configId: way.config_id });
    const body = {
      welcome_code: s1.welcomeCode,
      text: { content: '欢迎光临' },
      attachments: [{ msgtype: 'image', image: { media_id: 'MEDIA' } }],
    };
    expect(await c.post('externalcontact/send_welcome_msg', body)).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(c.sb.state.welcomeMessages.at(-1)).toMatchObject({
      userid: 'wuting',
      external_userid: s1.externalUserId,
      text: { content: '欢迎光临' },
    });
    expect((await c.post('externalcontact/send_welcome_msg', body)).errcode).toBe(41051);
    const s2 = await c.act('customers/scan', { configId: way.config_id });
    await c.act('clock/advance', { seconds: 21 });
    expect(
      (
        await c.post('externalcontact/send_welcome_msg', {
          welcome_code: s2.welcomeCode,
          text: { content: 'hi' },
        })
      ).errcode,
    ).toBe(41050);
    expect(
      (await c.post('externalcontact/send_welcome_msg', { text: { content: 'hi' } })).errcode,
    ).toBe(41049);
    const s3 = await c.act('customers/scan', { configId: way.config_id });
    const tooMany = Array.from({ length: 10 }, () => ({
      msgtype: 'link',
      link: { title: 't', url: 'https://x' },
    }));
    expect(
      (
        await c.post('externalcontact/send_welcome_msg', {
          welcome_code: s3.welcomeCode,
          attachments: tooMany,
        })
      ).errcode,
    ).toBe(40058);
    expect(
      (await c.post('externalcontact/send_welcome_msg', { welcome_code: s3.welcomeCode })).errcode,
    ).toBe(44004);
  });

  it('GET /sandbox/welcome-messages lists the welcome messages sent, filtered by member or customer', async () => {
    const way = await c.post('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['lina'],
    });
    const scan = await c.act('customers/scan', { configId: way.config_id });
    expect(
      await c.post('externalcontact/send_welcome_msg', {
        welcome_code: scan.welcomeCode,
        text: { content: '林姐您好' },
      }),
    ).toEqual({ errcode: 0, errmsg: 'ok' });
    const all = await c.control('GET', 'welcome-messages');
    expect(all.status).toBe(200);
    expect(all.body.ok).toBe(true);
    expect(all.body.welcomeMessages.at(-1)).toMatchObject({
      userid: 'lina',
      external_userid: scan.externalUserId,
      text: { content: '林姐您好' },
    });
    const mine = await c.control(
      'GET',
      `welcome-messages?externalUserId=${encodeURIComponent(scan.externalUserId)}`,
    );
    expect(mine.body.welcomeMessages).toHaveLength(1);
    const other = await c.control('GET', 'welcome-messages?userid=nobody');
    expect(other.body.welcomeMessages).toEqual([]);
  });

  it('after clock/advance, callbacks are still signed with the real time (CreateTime follows the business clock)', async () => {
    await c.advance(86400);
    try {
      const before = Math.floor(Date.now() / 1000);
      const way = await c.post('externalcontact/add_contact_way', {
        type: 1,
        scene: 2,
        user: ['lina'],
      });
      await c.act('customers/scan', { configId: way.config_id });
      const cb = await next();
      const after = Math.floor(Date.now() / 1000);
      expect(cb.signatureOk).toBe(true);
      const ts = Number(cb.query.timestamp);
      expect(ts).toBeGreaterThanOrEqual(before);
      expect(ts).toBeLessThanOrEqual(after);
      expect(Number(cb.event.CreateTime)).toBeGreaterThanOrEqual(before + 86400);
    } finally {
      c.sb.state.clock.advance(-86400);
      c.forgetTokens();
    }
  });

  it('no WelcomeCode for a member with an admin-configured welcome message', async () => {
    const way = await c.post('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['wangfang'],
    });
    const scan = await c.act('customers/scan', { configId: way.config_id });
    expect(scan.welcomeCode).toBeNull();
    const cb = await next();
    expect(cb.event.UserID).toBe('wangfang');
    expect(cb.event.WelcomeCode).toBeUndefined();
  });

  it('a multi-person code spreads customers over its members', async () => {
    const way = await c.post('externalcontact/add_contact_way', {
      type: 2,
      scene: 2,
      user: ['lina', 'liuyang', 'chenjing'],
    });
    const who = [];
    for (let i = 0; i < 6; i++)
      who.push((await c.act('customers/scan', { configId: way.config_id })).userId);
    expect(new Set(who)).toEqual(new Set(['lina', 'liuyang', 'chenjing']));
    await rx.waitFor(6);
  });

  it('customer deletes member (del_follow_user), member deletes customer (del_external_contact), edit', async () => {
    const a = await c.act('customers/add-staff', {
      userId: 'huangmin',
      customer: { name: '赵女士' },
    });
    expect((await next()).event.ChangeType).toBe('add_external_contact');
    await c.act('staff/edit-customer', {
      userId: 'huangmin',
      externalUserId: a.externalUserId,
      remark: '赵姐',
      description: '老客',
    });
    const edit = await next();
    expect(edit.event).toMatchObject({
      Event: 'change_external_contact',
      ChangeType: 'edit_external_contact',
      UserID: 'huangmin',
      ExternalUserID: a.externalUserId,
    });
    expect(
      (await c.get('externalcontact/get', { external_userid: a.externalUserId })).follow_user[0]
        .remark,
    ).toBe('赵姐');
    await c.act('customers/delete-staff', { userId: 'huangmin', externalUserId: a.externalUserId });
    expect((await next()).event).toMatchObject({
      ChangeType: 'del_follow_user',
      UserID: 'huangmin',
      ExternalUserID: a.externalUserId,
    });
    expect(
      (await c.get('externalcontact/get', { external_userid: a.externalUserId })).errcode,
    ).toBe(84061);
    const b = await c.act('customers/add-staff', {
      userId: 'huangmin',
      customer: { name: '钱先生' },
    });
    await next();
    await c.act('staff/delete-customer', { userId: 'huangmin', externalUserId: b.externalUserId });
    expect((await next()).event).toMatchObject({
      ChangeType: 'del_external_contact',
      UserID: 'huangmin',
      ExternalUserID: b.externalUserId,
    });
  });

  it('group chat create / join / leave / rename / notice / owner / dismiss', async () => {
    const customers = (
      await c.get('externalcontact/list', { userid: 'zhoujie' })
    ).external_userid.slice(0, 3);
    const g = await c.act('groups', {
      ownerUserId: 'zhoujie',
      name: '西湖店新群',
      externalUserIds: customers.slice(0, 2),
    });
    expect((await next()).event).toMatchObject({
      Event: 'change_external_chat',
      ChangeType: 'create',
      ChatId: g.chatId,
    });
    await c.act(`groups/${g.chatId}/join`, { externalUserId: customers[2], joinScene: 3 });
    const join = await next();
    expect(join.event).toMatchObject({
      ChangeType: 'update',
      UpdateDetail: 'add_member',
      JoinScene: '3',
      MemChangeCnt: '1',
      ChatId: g.chatId,
    });
    expect(join.event.MemChangeList.Item).toEqual([customers[2]]);
    expect(join.event.LastMemVer).not.toBe(join.event.CurMemVer);
    const detail = await c.post('externalcontact/groupchat/get', {
      chat_id: g.chatId,
      need_name: 1,
    });
    const m = detail.group_chat.member_list.find(
      (x: { userid: string }) => x.userid === customers[2],
    );
    expect(m).toMatchObject({ type: 2, join_scene: 3, name: expect.any(String) });
    expect(detail.group_chat.member_version).toBe(join.event.CurMemVer);
    await c.act(`groups/${g.chatId}/leave`, { externalUserId: customers[0], quitScene: 1 });
    expect((await next()).event).toMatchObject({
      UpdateDetail: 'del_member',
      QuitScene: '1',
      MemChangeCnt: '1',
    });
    await c.act(`groups/${g.chatId}/rename`, { name: '西湖店VIP' });
    expect((await next()).event).toMatchObject({ UpdateDetail: 'change_name' });
    await c.act(`groups/${g.chatId}/notice`, { notice: '周五抽奖' });
    expect((await next()).event).toMatchObject({ UpdateDetail: 'change_notice' });
    await c.act(`groups/${g.chatId}/owner`, { userId: 'wuting' });
    expect((await next()).event).toMatchObject({ UpdateDetail: 'change_owner' });
    expect(
      (await c.post('externalcontact/groupchat/get', { chat_id: g.chatId })).group_chat,
    ).toMatchObject({ owner: 'wuting', name: '西湖店VIP', notice: '周五抽奖' });
    await c.act(`groups/${g.chatId}/dismiss`);
    expect((await next()).event).toMatchObject({ ChangeType: 'dismiss', ChatId: g.chatId });
    expect((await c.post('externalcontact/groupchat/get', { chat_id: g.chatId })).errcode).toBe(
      40050,
    );
  });

  it('corp tag events from the admin console: create / update / delete / shuffle', async () => {
    const g = await c.act('tags/groups', { groupName: '肤质', tags: ['干皮', '油皮'] });
    expect((await next()).event).toMatchObject({
      Event: 'change_external_tag',
      ChangeType: 'create',
      Id: g.groupId,
      TagType: 'tag_group',
    });
    const t = await c.act('tags', { groupId: g.groupId, name: '混合皮' });
    expect((await next()).event).toMatchObject({
      ChangeType: 'create',
      Id: t.tagId,
      TagType: 'tag',
    });
    await c.act(`tags/${t.tagId}/rename`, { name: '混油皮' });
    expect((await next()).event).toMatchObject({
      ChangeType: 'update',
      Id: t.tagId,
      TagType: 'tag',
    });
    await c.act('tags/shuffle', { groupId: g.groupId });
    const sh = await next();
    expect(sh.event).toMatchObject({ ChangeType: 'shuffle', Id: g.groupId });
    expect(sh.event.TagType).toBeUndefined();
    const list = await c.post('externalcontact/get_corp_tag_list', { group_id: [g.groupId] });
    expect(list.tag_group[0].tag.map((x: { name: string }) => x.name)).toEqual([
      '混油皮',
      '油皮',
      '干皮',
    ]);
    await c.act(`tags/${t.tagId}/delete`);
    expect((await next()).event).toMatchObject({
      ChangeType: 'delete',
      Id: t.tagId,
      TagType: 'tag',
    });
  });

  it('address book events: create_user / update_user / delete_user / parties', async () => {
    await c.act('users', {
      userid: 'fengxue',
      name: '冯雪',
      department: [4],
      position: '导购',
      gender: 2,
    });
    const created = await next();
    expect(created.event).toMatchObject({
      Event: 'change_contact',
      ChangeType: 'create_user',
      UserID: 'fengxue',
      Name: '冯雪',
      Department: '4',
      Position: '导购',
      Gender: '2',
    });
    await c.act('users/fengxue/update', { position: '店长' });
    expect((await next()).event).toMatchObject({
      ChangeType: 'update_user',
      UserID: 'fengxue',
      Position: '店长',
    });
    expect((await c.get('user/get', { userid: 'fengxue' })).position).toBe('店长');
    await c.act('users/fengxue/leave');
    expect((await next()).event).toMatchObject({ ChangeType: 'delete_user', UserID: 'fengxue' });
    expect((await c.get('user/get', { userid: 'fengxue' })).errcode).toBe(60111);
    expect((await c.get('externalcontact/get_follow_user_list')).follow_user).not.toContain(
      'fengxue',
    );
    const d = await c.act('departments', { name: '苏州观前店', parentid: 3 });
    expect((await next()).event).toMatchObject({
      ChangeType: 'create_party',
      Id: String(d.id),
      Name: '苏州观前店',
      ParentId: '3',
    });
    await c.act(`departments/${d.id}/update`, { name: '苏州店' });
    expect((await next()).event).toMatchObject({
      ChangeType: 'update_party',
      Id: String(d.id),
      Name: '苏州店',
    });
    await c.act(`departments/${d.id}/delete`);
    expect((await next()).event).toMatchObject({ ChangeType: 'delete_party', Id: String(d.id) });
  });

  it('API calls never produce callbacks', async () => {
    const before = c.sb.state.callbackDeliveries.length;
    const id = (await c.get('externalcontact/list', { userid: 'lina' })).external_userid[0];
    await c.post('externalcontact/remark', { userid: 'lina', external_userid: id, remark: 'api' });
    await c.post('externalcontact/add_corp_tag', { group_name: 'API组', tag: [{ name: 'x' }] });
    expect(c.sb.state.callbackDeliveries.length).toBe(before);
  });

  it('duplicateCallbacks sends every event twice; shuffleCallbacks sends them out of order', async () => {
    await c.act('config', { duplicateCallbacks: true });
    const ids = (await c.get('externalcontact/list', { userid: 'xuqiang' })).external_userid;
    staffEditsCustomer(c.sb.state, { userId: 'xuqiang', externalUserId: ids[0], remark: 'dup' });
    const got = await rx.waitFor(2);
    expect(got[0].innerXml).toBe(got[1].innerXml);
    await c.act('config', { duplicateCallbacks: false, shuffleCallbacks: true });
    rx.received.length = 0;
    const chat = c.sb.state.groupChatList.find((g) => g.owner === 'xuqiang' || true)!;
    const joiners = [...c.sb.state.customers.keys()]
      .filter((k) => !chat.members.has(k))
      .slice(0, 25);
    for (const j of joiners) joinGroup(c.sb.state, { chatId: chat.chat_id, externalUserId: j });
    const arrived = await rx.waitFor(25);
    const order = arrived.map((r) => (r.event.MemChangeList.Item as string[])[0]);
    expect(new Set(order)).toEqual(new Set(joiners));
    expect(order).not.toEqual(joiners);
    await c.act('config', { shuffleCallbacks: false });
    await c.sb.state.callbacks.drain();
  });
});

describe('callback delivery: retries, timeouts, URL verification', () => {
  let c: Client;
  let rx: Receiver;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 30 } });
    rx = await startReceiver(c.sb.corp.callback.token, c.sb.corp.callback.encodingAESKey);
    await c.act('config', {
      callbackUrl: rx.url,
      callbackRetryDelayMs: 30,
      callbackTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    await c.sb.close();
    await rx.close();
  });

  const rel = () => {
    const f = [...c.sb.state.follows.values()][0];
    return { userId: f.userid, externalUserId: f.external_userid };
  };

  it('a receiver answering 500 gets 3 retries (4 attempts), then the delivery fails', async () => {
    rx.respond = (_n, _req, res) => res.writeHead(500).end('oops');
    rx.received.length = 0;
    await c.act('staff/edit-customer', { ...rel(), remark: 'r1' });
    await c.sb.state.callbacks.drain();
    const d = c.sb.state.callbackDeliveries.at(-1)!;
    expect(d).toMatchObject({
      status: 'failed',
      attempts: 4,
      attemptStatuses: [500, 500, 500, 500],
    });
    expect(rx.received).toHaveLength(4);
    expect(new Set(rx.received.map((r) => r.innerXml)).size).toBe(1);
  });

  it('a receiver that recovers gets the event delivered', async () => {
    let n = 0;
    rx.respond = (_i, _req, res) => res.writeHead(n++ < 2 ? 503 : 200).end('');
    await c.act('staff/edit-customer', { ...rel(), remark: 'r2' });
    await c.sb.state.callbacks.drain();
    expect(c.sb.state.callbackDeliveries.at(-1)).toMatchObject({
      status: 'delivered',
      attempts: 3,
      attemptStatuses: [503, 503, 200],
    });
  });

  it('a receiver slower than the deadline is retried 3 times and the delivery fails', async () => {
    rx.respond = (_n, _req, res) => {
      setTimeout(() => res.writeHead(200).end(''), 600);
    };
    await c.act('staff/edit-customer', { ...rel(), remark: 'r3' });
    await c.sb.state.callbacks.drain();
    const d = c.sb.state.callbackDeliveries.at(-1)!;
    expect(d).toMatchObject({
      status: 'failed',
      attempts: 4,
      attemptStatuses: [0, 0, 0, 0],
      lastError: 'timeout',
    });
    await sleep(700);
  });

  it('URL verification: echostr decrypted and echoed back round-trips', async () => {
    rx.respond = (_n, req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const echostr = q.get('echostr');
      if (req.method !== 'GET' || !echostr) return void res.writeHead(400).end();
      const sigOk =
        getSignature(c.sb.corp.callback.token, q.get('timestamp')!, q.get('nonce')!, echostr) ===
        q.get('msg_signature');
      const plain = decrypt(c.sb.corp.callback.encodingAESKey, echostr);
      if (!sigOk || plain.id !== c.sb.corp.corpId) return void res.writeHead(403).end();
      res.writeHead(200).end(plain.message);
    };
    const ok = await c.act('callback/verify');
    expect(ok.verify).toMatchObject({ ok: true, httpStatus: 200 });
    expect(ok.verify.received).toBe(ok.verify.expected);
    rx.respond = (_n, _req, res) => res.writeHead(200).end('"quoted"');
    const bad = await c.act('callback/verify');
    expect(bad.verify).toMatchObject({ ok: false, httpStatus: 200, received: '"quoted"' });
  });
});
