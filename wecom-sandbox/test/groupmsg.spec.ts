import { massLimitWindow } from '../src/api/groupmsgs';
import { Client, startClient } from './helpers';

describe('mass messages (企业群发)', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 300 } });
  });
  afterAll(() => c.sb.close());

  const sole = (userid: string) =>
    c.sb.state
      .followsOfUser(userid)
      .map((f) => f.external_userid)
      .filter((id) => c.sb.state.activeFollowsOfCustomer(id).length === 1);

  it('add_msg_template (single): tasks per follower, fail_list for unknown customers', async () => {
    const ids = [...sole('lina').slice(0, 3), ...sole('liuyang').slice(0, 2)];
    const r = await c.post('externalcontact/add_msg_template', {
      chat_type: 'single',
      external_userid: [...ids, 'wmUnknownUnknownUnknown00'],
      text: { content: '双十一护肤专场' },
      attachments: [{ msgtype: 'link', link: { title: '活动', url: 'https://example.com' } }],
    });
    expect(r).toEqual({
      errcode: 0,
      errmsg: 'ok',
      fail_list: ['wmUnknownUnknownUnknown00'],
      msgid: expect.stringMatching(/^msg/),
    });
    const tasks = await c.post('externalcontact/get_groupmsg_task', { msgid: r.msgid });
    expect(tasks.task_list.map((t: { userid: string }) => t.userid).sort()).toEqual([
      'lina',
      'liuyang',
    ]);
    for (const t of tasks.task_list) expect(t).toEqual({ userid: expect.any(String), status: 0 });
    const list = await c.post('externalcontact/get_groupmsg_list_v2', {
      chat_type: 'single',
      start_time: c.sb.state.now() - 60,
      end_time: c.sb.state.now() + 60,
    });
    expect(list.group_msg_list.map((m: { msgid: string }) => m.msgid)).toContain(r.msgid);
    const m = list.group_msg_list.find((x: { msgid: string }) => x.msgid === r.msgid);
    expect(m).toMatchObject({
      create_type: 0,
      text: { content: '双十一护肤专场' },
      attachments: [{ msgtype: 'link' }],
    });
  });

  it('members confirm and send; results per customer; deleted friends get status 2', async () => {
    const ids = sole('chenjing').slice(0, 3);
    const r = await c.post('externalcontact/add_msg_template', {
      chat_type: 'single',
      sender: 'chenjing',
      external_userid: ids,
      text: { content: 'hi' },
    });
    await c.act('customers/delete-staff', { userId: 'chenjing', externalUserId: ids[2] });
    const sent = await c.act(`groupmsg/${r.msgid}/send`, { userid: 'chenjing' });
    expect(sent.results).toHaveLength(3);
    const res = await c.post('externalcontact/get_groupmsg_send_result', {
      msgid: r.msgid,
      userid: 'chenjing',
    });
    expect(res.send_list).toEqual([
      { external_userid: ids[0], userid: 'chenjing', status: 1, send_time: expect.any(Number) },
      { external_userid: ids[1], userid: 'chenjing', status: 1, send_time: expect.any(Number) },
      { external_userid: ids[2], userid: 'chenjing', status: 2 },
    ]);
    const tasks = await c.post('externalcontact/get_groupmsg_task', { msgid: r.msgid });
    expect(tasks.task_list).toEqual([
      { userid: 'chenjing', status: 2, send_time: expect.any(Number) },
    ]);
  });

  it('sender restricts to their customers; tag_filter (OR within a group, AND across groups)', async () => {
    const st = c.sb.state;
    const tags = [...st.tagGroups.values()];
    const gold = tags[0].tagIds[2];
    const skin = tags[1].tagIds[0];
    const r = await c.post('externalcontact/add_msg_template', {
      chat_type: 'single',
      sender: 'wuting',
      tag_filter: { group_list: [{ tag_list: [gold] }, { tag_list: [skin] }] },
      text: { content: '金卡护肤会员专享' },
    });
    const expected = st
      .followsOfUser('wuting')
      .map((f) => f.external_userid)
      .filter((id) => {
        const t = new Set(st.activeFollowsOfCustomer(id).flatMap((f) => f.tagIds));
        return t.has(gold) && t.has(skin);
      });
    if (expected.length === 0) {
      expect(r.errcode).toBe(41048);
    } else {
      const msg = st.groupMsgs.get(r.msgid)!;
      expect(msg.recipients.map((x) => x.external_userid).sort()).toEqual(expected.sort());
    }
    const other = sole('heyu')[0];
    const mixed = await c.post('externalcontact/add_msg_template', {
      sender: 'wuting',
      external_userid: [other, sole('wuting')[0]],
      text: { content: 'x' },
    });
    expect(mixed.fail_list).toEqual([other]);
  });

  it('validation: >9 attachments, group without sender, empty content, unknown msgid', async () => {
    const many = Array.from({ length: 10 }, () => ({ msgtype: 'image', image: { media_id: 'm' } }));
    expect(
      (
        await c.post('externalcontact/add_msg_template', {
          external_userid: sole('lina').slice(0, 1),
          attachments: many,
        })
      ).errcode,
    ).toBe(40058);
    expect(
      (
        await c.post('externalcontact/add_msg_template', {
          chat_type: 'group',
          text: { content: 'x' },
        })
      ).errcode,
    ).toBe(41009);
    expect(
      (
        await c.post('externalcontact/add_msg_template', {
          external_userid: sole('lina').slice(0, 1),
        })
      ).errcode,
    ).toBe(44004);
    expect((await c.post('externalcontact/get_groupmsg_task', { msgid: 'msgNOPE' })).errcode).toBe(
      41047,
    );
    expect((await c.post('externalcontact/get_groupmsg_task', {})).errcode).toBe(41046);
  });

  it('group mass message goes to the sender’s groups', async () => {
    const owner = c.sb.state.groupChatList[0].owner;
    const owned = c.sb.state.groupChatList
      .filter((g) => g.owner === owner && !g.dismissed)
      .map((g) => g.chat_id);
    const r = await c.post('externalcontact/add_msg_template', {
      chat_type: 'group',
      sender: owner,
      text: { content: '群公告' },
    });
    expect(r.errcode).toBe(0);
    await c.act(`groupmsg/${r.msgid}/send`, { userid: owner });
    const res = await c.post('externalcontact/get_groupmsg_send_result', {
      msgid: r.msgid,
      userid: owner,
    });
    expect(res.send_list.map((x: { chat_id: string }) => x.chat_id)).toEqual(owned);
    for (const x of res.send_list) expect(x.status).toBe(1);
  });

  it('monthly receive limit = days of the month: then fail_list at creation, status 3 at send', async () => {
    const { cap } = massLimitWindow('month', c.sb.state.now());
    expect(cap).toBeGreaterThanOrEqual(28);
    const [id, other] = sole('zhoujie');
    const create = (text: string) =>
      c.post('externalcontact/add_msg_template', {
        sender: 'zhoujie',
        external_userid: [id],
        text: { content: text },
      });
    const send = async (msgid: string) =>
      (await c.act(`groupmsg/${msgid}/send`, { userid: 'zhoujie' })).results[0].status;
    const statuses: number[] = [];
    for (let i = 0; i < cap - 1; i++) statuses.push(await send((await create(`第${i}条`)).msgid));
    // two created while one more is allowed: the one sent second is over the limit
    const [last, extra] = [await create('最后一条'), await create('多出的一条')];
    statuses.push(await send(last.msgid));
    expect(statuses).toEqual(Array(cap).fill(1));
    expect(await send(extra.msgid)).toBe(3);
    const refused = await c.post('externalcontact/add_msg_template', {
      sender: 'zhoujie',
      external_userid: [id, other],
      text: { content: '超出' },
    });
    expect(refused).toMatchObject({ errcode: 0, fail_list: [id] });
    expect((await create('只有他')).errcode).toBe(41048);
  });

  it('limit windows: month has 28-31, week 7, day 1 (China time)', () => {
    // 2024-02-15 12:00 +08:00
    const t = Date.UTC(2024, 1, 15, 4) / 1000;
    expect(massLimitWindow('month', t)).toEqual({
      start: Date.UTC(2024, 0, 31, 16) / 1000,
      cap: 29,
    });
    expect(massLimitWindow('day', t)).toEqual({ start: Date.UTC(2024, 1, 14, 16) / 1000, cap: 1 });
    expect(massLimitWindow('week', t)).toEqual({ start: Date.UTC(2024, 1, 11, 16) / 1000, cap: 7 });
  });

  it('remind at most 3 times in 24 h; cancel stops sending', async () => {
    const r = await c.post('externalcontact/add_msg_template', {
      sender: 'xuqiang',
      external_userid: sole('xuqiang').slice(0, 2),
      text: { content: 'x' },
    });
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await c.post('externalcontact/remind_groupmsg_send', { msgid: r.msgid })).errcode,
      );
    expect(codes).toEqual([0, 0, 0, 41094]);
    await c.advance(86401);
    expect((await c.post('externalcontact/remind_groupmsg_send', { msgid: r.msgid })).errcode).toBe(
      0,
    );
    expect((await c.post('externalcontact/cancel_groupmsg_send', { msgid: r.msgid })).errcode).toBe(
      0,
    );
    const send = await c.control('POST', `groupmsg/${r.msgid}/send`, { userid: 'xuqiang' });
    expect(send.status).toBe(400);
    expect((await c.post('externalcontact/remind_groupmsg_send', { msgid: r.msgid })).errcode).toBe(
      41093,
    );
  });

  it('41063 while the message is dispatched; a customer at the receive limit is in fail_list', async () => {
    await c.act('config', { groupMsgDispatchSeconds: 1, massMessageLimit: 'day' });
    try {
      const [a, b] = sole('yangli');
      const first = await c.post('externalcontact/add_msg_template', {
        sender: 'yangli',
        external_userid: [a],
        text: { content: '今日第一条' },
      });
      expect(
        (await c.post('externalcontact/get_groupmsg_task', { msgid: first.msgid })).errcode,
      ).toBe(41063);
      await new Promise((r) => setTimeout(r, 1100));
      expect(
        (await c.post('externalcontact/get_groupmsg_task', { msgid: first.msgid })).errcode,
      ).toBe(0);
      await c.act(`groupmsg/${first.msgid}/send`, { userid: 'yangli' });
      const second = await c.post('externalcontact/add_msg_template', {
        sender: 'yangli',
        external_userid: [a, b],
        text: { content: '今日第二条' },
      });
      expect(second.fail_list).toEqual([a]);
      expect(
        c.sb.state.groupMsgs.get(second.msgid)!.recipients.map((r) => r.external_userid),
      ).toEqual([b]);
    } finally {
      await c.act('config', { groupMsgDispatchSeconds: 0, massMessageLimit: 'month' });
    }
  });

  it('attachments must name a media_id uploaded less than 3 days ago (40007 otherwise)', async () => {
    const form = new FormData();
    form.append('media', new Blob([Buffer.from('\x89PNG-image-bytes')]), 'a.png');
    const token = await c.token();
    const up = (await (
      await fetch(`${c.url}/cgi-bin/media/upload?access_token=${token}&type=image`, {
        method: 'POST',
        body: form,
      })
    ).json()) as { media_id: string };
    const send = (mediaId: string) =>
      c.post('externalcontact/add_msg_template', {
        sender: 'lina',
        external_userid: sole('lina').slice(0, 1),
        attachments: [{ msgtype: 'image', image: { media_id: mediaId } }],
      });
    expect((await send(up.media_id)).errcode).toBe(0);
    expect((await send('MEDIA_NOT_UPLOADED')).errcode).toBe(40007);
    await c.advance(3 * 86400 + 1);
    expect((await send(up.media_id)).errcode).toBe(40007);
  });
});
