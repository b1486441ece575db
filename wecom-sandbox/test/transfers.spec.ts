import { Client, Receiver, startClient, startReceiver } from './helpers';

describe('在职继承 / 离职继承 transfers', () => {
  let c: Client;
  let rx: Receiver;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 400 } });
    rx = await startReceiver(c.sb.corp.callback.token, c.sb.corp.callback.encodingAESKey);
    await c.act('config', { callbackUrl: rx.url });
  });
  afterAll(async () => {
    await c.sb.close();
    await rx.close();
  });

  const customersOf = (userid: string) =>
    c.sb.state.followsOfUser(userid).map((f) => f.external_userid);
  const soleCustomersOf = (userid: string) =>
    customersOf(userid).filter(
      (id) =>
        c.sb.state.activeFollowsOfCustomer(id).length === 1 && !c.sb.state.pendingTransfer(id),
    );

  it('transfer_customer gives a per-customer errcode and starts a 24 h takeover', async () => {
    const [a, b] = soleCustomersOf('lina');
    const notLinas = soleCustomersOf('heyu')[0];
    const r = await c.post('externalcontact/transfer_customer', {
      handover_userid: 'lina',
      takeover_userid: 'chenjing',
      external_userid: [a, b, 'wmInvalidInvalidInvalid', notLinas],
      transfer_success_msg: '您好，后续由陈静为您服务',
    });
    expect(r.errcode).toBe(0);
    expect(r.customer).toEqual([
      { external_userid: a, errcode: 0 },
      { external_userid: b, errcode: 0 },
      { external_userid: 'wmInvalidInvalidInvalid', errcode: 40096 },
      { external_userid: notLinas, errcode: 40131 },
    ]);
    const again = await c.post('externalcontact/transfer_customer', {
      handover_userid: 'lina',
      takeover_userid: 'chenjing',
      external_userid: [a],
    });
    expect(again.customer[0].errcode).toBe(40129);
    const res = await c.post('externalcontact/transfer_result', {
      handover_userid: 'lina',
      takeover_userid: 'chenjing',
    });
    const now = c.sb.state.now();
    expect(res.customer).toHaveLength(2);
    for (const x of res.customer) {
      expect(x.status).toBe(2);
      expect(x.takeover_time).toBeGreaterThanOrEqual(now + 86400 - 5);
    }
    expect(res.next_cursor).toBe('');
  });

  it('validation: >100 customers, message >200 chars, same member, takeover without permission', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `wm${String(i).padStart(24, 'x')}`);
    expect(
      (
        await c.post('externalcontact/transfer_customer', {
          handover_userid: 'lina',
          takeover_userid: 'chenjing',
          external_userid: ids,
        })
      ).errcode,
    ).toBe(40058);
    const one = soleCustomersOf('lina')[0];
    expect(
      (
        await c.post('externalcontact/transfer_customer', {
          handover_userid: 'lina',
          takeover_userid: 'chenjing',
          external_userid: [one],
          transfer_success_msg: '字'.repeat(201),
        })
      ).errcode,
    ).toBe(40058);
    expect(
      (
        await c.post('externalcontact/transfer_customer', {
          handover_userid: 'lina',
          takeover_userid: 'zhaolei',
          external_userid: [one],
        })
      ).errcode,
    ).toBe(84074);
    expect(
      (
        await c.post('externalcontact/transfer_customer', {
          handover_userid: 'lina',
          takeover_userid: 'lina',
          external_userid: [one],
        })
      ).customer[0].errcode,
    ).toBe(40130);
    expect(
      (
        await c.post('externalcontact/transfer_customer', {
          handover_userid: 'lina',
          takeover_userid: 'chenjing',
        })
      ).errcode,
    ).toBe(41035);
  });

  it('customer refuses: status 3 and transfer_fail (customer_refused) for the takeover member', async () => {
    const [x] = soleCustomersOf('yangli');
    await c.post('externalcontact/transfer_customer', {
      handover_userid: 'yangli',
      takeover_userid: 'huangmin',
      external_userid: [x],
    });
    rx.received.length = 0;
    await c.act('transfers/respond', { externalUserId: x, accept: false });
    const cb = (await rx.waitFor(1))[0];
    expect(cb.event).toMatchObject({
      Event: 'change_external_contact',
      ChangeType: 'transfer_fail',
      FailReason: 'customer_refused',
      UserID: 'huangmin',
      ExternalUserID: x,
    });
    const res = await c.post('externalcontact/transfer_result', {
      handover_userid: 'yangli',
      takeover_userid: 'huangmin',
    });
    expect(res.customer).toEqual([
      { external_userid: x, status: 3, takeover_time: expect.any(Number) },
    ]);
    expect(c.sb.state.getFollow('yangli', x)).toBeDefined();
  });

  it('after 24 h of sandbox time the takeover completes: relation moves, events fire', async () => {
    const pending = c.sb.state.transfers.filter(
      (t) => t.status === 2 && t.handover_userid === 'lina',
    );
    expect(pending.length).toBe(2);
    rx.received.length = 0;
    const adv = await c.advance(86400);
    expect(adv.transfersCompleted).toBe(2);
    const res = await c.post('externalcontact/transfer_result', {
      handover_userid: 'lina',
      takeover_userid: 'chenjing',
    });
    expect(res.customer.map((x: { status: number }) => x.status)).toEqual([1, 1]);
    const x = pending[0].external_userid;
    const got = await c.get('externalcontact/get', { external_userid: x });
    expect(got.follow_user.map((f: { userid: string }) => f.userid)).toEqual(['chenjing']);
    expect(got.follow_user[0].add_way).toBe(202);
    const events = (await rx.waitFor(4)).map((r) => r.event).filter((e) => e.ExternalUserID === x);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ChangeType: 'del_external_contact',
          UserID: 'lina',
          Source: 'DELETE_BY_TRANSFER',
        }),
        expect.objectContaining({ ChangeType: 'add_external_contact', UserID: 'chenjing' }),
      ]),
    );
  });

  it('a customer can be transferred at most twice in 90 days (40128)', async () => {
    const [x] = soleCustomersOf('zhoujie');
    const step = async (from: string, to: string) =>
      (
        await c.post('externalcontact/transfer_customer', {
          handover_userid: from,
          takeover_userid: to,
          external_userid: [x],
        })
      ).customer[0].errcode;
    expect(await step('zhoujie', 'wuting')).toBe(0);
    await c.act('transfers/respond', { externalUserId: x, accept: true });
    expect(await step('wuting', 'xuqiang')).toBe(0);
    await c.act('transfers/respond', { externalUserId: x, accept: true });
    expect(await step('xuqiang', 'sunyan')).toBe(40128);
    await c.advance(91 * 86400);
    expect(await step('xuqiang', 'sunyan')).toBe(0);
  });

  it('takeover member at the customer limit: status 4 and transfer_fail customer_limit_exceed', async () => {
    const [x] = soleCustomersOf('guojun');
    await c.act('config', { customerLimitPerUser: 1 });
    await c.post('externalcontact/transfer_customer', {
      handover_userid: 'guojun',
      takeover_userid: 'hulin',
      external_userid: [x],
    });
    rx.received.length = 0;
    await c.act('transfers/respond', { externalUserId: x, accept: true });
    expect((await rx.waitFor(1))[0].event).toMatchObject({
      ChangeType: 'transfer_fail',
      FailReason: 'customer_limit_exceed',
      UserID: 'hulin',
    });
    const res = await c.post('externalcontact/transfer_result', {
      handover_userid: 'guojun',
      takeover_userid: 'hulin',
    });
    expect(res.customer[0].status).toBe(4);
    await c.act('config', { customerLimitPerUser: 50000 });
  });

  it('离职继承: unassigned list, resigned transfer (handover must have left: 40097)', async () => {
    const one = soleCustomersOf('sunyan')[0];
    const notLeft = await c.post('externalcontact/resigned/transfer_customer', {
      handover_userid: 'sunyan',
      takeover_userid: 'xuqiang',
      external_userid: [one],
    });
    expect(notLeft.errcode).toBe(40097);
    const theirs = customersOf('sunyan');
    await c.act('users/sunyan/leave');
    const all: Array<{ handover_userid: string; external_userid: string; dimission_time: number }> =
      [];
    let cursor = '';
    do {
      const r = await c.post('externalcontact/get_unassigned_list', { cursor, page_size: 5 });
      expect(r.errcode).toBe(0);
      all.push(...r.info);
      expect(r.is_last).toBe(r.next_cursor === '');
      cursor = r.next_cursor;
    } while (cursor);
    expect(all.map((x) => x.external_userid).sort()).toEqual([...theirs].sort());
    expect(all[0]).toEqual({
      handover_userid: 'sunyan',
      external_userid: expect.any(String),
      dimission_time: expect.any(Number),
    });
    const page1 = await c.post('externalcontact/get_unassigned_list', { page_id: 1, page_size: 5 });
    expect(page1.info.map((x: { external_userid: string }) => x.external_userid)).toEqual(
      all.slice(5, 10).map((x) => x.external_userid),
    );
    const r = await c.post('externalcontact/resigned/transfer_customer', {
      handover_userid: 'sunyan',
      takeover_userid: 'xuqiang',
      external_userid: theirs.slice(0, 3),
    });
    expect(r.customer.map((x: { errcode: number }) => x.errcode)).toEqual([0, 0, 0]);
    const after = await c.post('externalcontact/get_unassigned_list', { page_size: 1000 });
    expect(after.info.map((x: { external_userid: string }) => x.external_userid)).not.toContain(
      theirs[0],
    );
    const res = await c.post('externalcontact/resigned/transfer_result', {
      handover_userid: 'sunyan',
      takeover_userid: 'xuqiang',
    });
    expect(res.customer.map((x: { status: number }) => x.status)).toEqual([2, 2, 2]);
    await c.advance(86400);
    const done = await c.post('externalcontact/resigned/transfer_result', {
      handover_userid: 'sunyan',
      takeover_userid: 'xuqiang',
    });
    expect(done.customer.map((x: { status: number }) => x.status)).toEqual([1, 1, 1]);
    expect(c.sb.state.getFollow('xuqiang', theirs[0])).toBeDefined();
  });

  it('groupchat/transfer needs a departed owner (90500); onjob_transfer needs an active one (90502)', async () => {
    const chats = c.sb.state.groupChatList.filter((g) =>
      c.sb.state.isActive(c.sb.state.users.get(g.owner)),
    );
    const active = chats[0];
    const r = await c.post('externalcontact/groupchat/transfer', {
      chat_id_list: [active.chat_id],
      new_owner: 'lina',
    });
    expect(r.errcode).toBe(0);
    expect(r.failed_chat_list).toEqual([
      { chat_id: active.chat_id, errcode: 90500, errmsg: expect.any(String) },
    ]);
    const owner = active.owner;
    const on = await c.post('externalcontact/groupchat/onjob_transfer', {
      chat_id_list: [active.chat_id],
      new_owner: owner === 'lina' ? 'chenjing' : 'lina',
    });
    expect(on.failed_chat_list).toEqual([]);
    const g = await c.post('externalcontact/groupchat/get', { chat_id: active.chat_id });
    expect(g.group_chat.owner).toBe(owner === 'lina' ? 'chenjing' : 'lina');
    const same = await c.post('externalcontact/groupchat/onjob_transfer', {
      chat_id_list: [active.chat_id],
      new_owner: g.group_chat.owner,
    });
    expect(same.failed_chat_list[0].errcode).toBe(90504);
    // Owner leaves: resigned transfer works, status becomes 3.
    const leaving = chats.find((x) => x.owner !== g.group_chat.owner && x.owner !== 'lina')!;
    await c.act(`users/${leaving.owner}/leave`);
    const onjobFail = await c.post('externalcontact/groupchat/onjob_transfer', {
      chat_id_list: [leaving.chat_id],
      new_owner: 'lina',
    });
    expect(onjobFail.failed_chat_list[0].errcode).toBe(90502);
    const ok = await c.post('externalcontact/groupchat/transfer', {
      chat_id_list: [leaving.chat_id],
      new_owner: 'lina',
    });
    expect(ok.failed_chat_list).toEqual([]);
    const list = await c.post('externalcontact/groupchat/list', { status_filter: 3, limit: 100 });
    expect(list.group_chat_list).toEqual([{ chat_id: leaving.chat_id, status: 3 }]);
    const ids = Array.from({ length: 101 }, () => leaving.chat_id);
    expect(
      (await c.post('externalcontact/groupchat/transfer', { chat_id_list: ids, new_owner: 'lina' }))
        .errcode,
    ).toBe(40058);
  });
});
