import { Client, startClient } from './helpers';

describe('moments (朋友圈)', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 60 } });
  });
  afterAll(() => c.sb.close());

  /** A media_id as media/upload_attachment (attachment_type 1) gives one. */
  const attachment = (mediaId: string, type = 'image') =>
    c.sb.state.media.set(mediaId, {
      media_id: mediaId,
      type: `attachment:${type}`,
      filename: 'a.png',
      size: 100,
      created_at: c.sb.state.now(),
    });

  it('add_moment_task → jobid; result after the job finishes; tasks; publish', async () => {
    attachment('MEDIA_1');
    const r = await c.post('externalcontact/add_moment_task', {
      text: { content: '新品上市，到店体验' },
      attachments: [{ msgtype: 'image', image: { media_id: 'MEDIA_1' } }],
      visible_range: {
        sender_list: { user_list: ['lina', 'liuyang', 'ghost'], department_list: [999] },
        external_contact_list: { tag_list: ['etNOPE'] },
      },
    });
    expect(r).toEqual({ errcode: 0, errmsg: 'ok', jobid: expect.any(String) });
    const early = await c.get('externalcontact/get_moment_task_result', { jobid: r.jobid });
    expect([1, 2]).toContain(early.status);
    expect(early.result).toBeUndefined();
    await c.advance(2);
    const done = await c.get('externalcontact/get_moment_task_result', { jobid: r.jobid });
    expect(done).toMatchObject({
      errcode: 0,
      status: 3,
      type: 'add_moment_task',
      result: {
        errcode: 0,
        moment_id: expect.any(String),
        invalid_sender_list: { user_list: ['ghost'], department_list: [999] },
        invalid_external_contact_list: { tag_list: ['etNOPE'] },
      },
    });
    const momentId = done.result.moment_id;
    const tasks = await c.post('externalcontact/get_moment_task', { moment_id: momentId });
    expect(tasks.task_list).toEqual([
      { userid: 'lina', publish_status: 0 },
      { userid: 'liuyang', publish_status: 0 },
    ]);
    const linaCustomers = c.sb.state.followsOfUser('lina').map((f) => f.external_userid);
    await c.act(`moments/${momentId}/publish`, { userid: 'lina', notSentTo: [linaCustomers[0]] });
    const after = await c.post('externalcontact/get_moment_task', { moment_id: momentId });
    expect(after.task_list[0]).toEqual({ userid: 'lina', publish_status: 1 });

    // whom it was shown to (the member's customers), and sent to, paged by cursor
    const shown = await c.post('externalcontact/get_moment_customer_list', {
      moment_id: momentId,
      userid: 'lina',
      limit: 1,
    });
    expect(shown.customer_list).toEqual([{ userid: 'lina', external_userid: linaCustomers[0] }]);
    expect(shown.next_cursor).not.toBe('');
    const sent = await c.post('externalcontact/get_moment_send_result', {
      moment_id: momentId,
      userid: 'lina',
    });
    expect(sent.customer_list).toEqual(linaCustomers.slice(1).map((e) => ({ external_userid: e })));
    expect(
      (
        await c.post('externalcontact/get_moment_send_result', {
          moment_id: momentId,
          userid: 'ghost',
        })
      ).errcode,
    ).toBe(41061);

    // comments and likes, by customers or members; a like counts once
    await c.act(`moments/${momentId}/interact`, {
      userid: 'lina',
      kind: 'comment',
      external_userid: linaCustomers[1],
    });
    for (let i = 0; i < 2; i++)
      await c.act(`moments/${momentId}/interact`, {
        userid: 'lina',
        kind: 'like',
        from_userid: 'liuyang',
      });
    const comments = await c.post('externalcontact/get_moment_comments', {
      moment_id: momentId,
      userid: 'lina',
    });
    expect(comments).toMatchObject({
      errcode: 0,
      comment_list: [{ external_userid: linaCustomers[1], create_time: expect.any(Number) }],
      like_list: [{ userid: 'liuyang', create_time: expect.any(Number) }],
    });
    const now = c.sb.state.now();
    const list = await c.post('externalcontact/get_moment_list', {
      start_time: now - 86400,
      end_time: now,
    });
    expect(list.moment_list[0]).toMatchObject({
      moment_id: momentId,
      create_type: 0,
      text: { content: '新品上市，到店体验' },
      image: [{ media_id: 'MEDIA_1' }],
    });
    expect(
      (
        await c.post('externalcontact/get_moment_list', {
          start_time: now - 40 * 86400,
          end_time: now,
        })
      ).errcode,
    ).toBe(40058);
    expect((await c.get('externalcontact/get_moment_task_result', { jobid: 'nope' })).errcode).toBe(
      40088,
    );
    expect((await c.post('externalcontact/get_moment_task', { moment_id: 'nope' })).errcode).toBe(
      41060,
    );
    expect((await c.post('externalcontact/get_moment_task', {})).errcode).toBe(41059);
  });

  it('validates attachments and content', async () => {
    const ten = Array.from({ length: 10 }, () => ({ msgtype: 'image', image: { media_id: 'm' } }));
    expect((await c.post('externalcontact/add_moment_task', { attachments: ten })).errcode).toBe(
      40058,
    );
    expect((await c.post('externalcontact/add_moment_task', {})).errcode).toBe(44004);
    expect(
      (await c.post('externalcontact/add_moment_task', { text: { content: '字'.repeat(2001) } }))
        .errcode,
    ).toBe(40058);
    expect(
      (
        await c.post('externalcontact/add_moment_task', {
          attachments: [{ msgtype: 'voice', voice: {} }],
        })
      ).errcode,
    ).toBe(41065);
    // a media_id of media/upload (not upload_attachment), or an unknown one: 40007
    c.sb.state.media.set('PLAIN_1', {
      media_id: 'PLAIN_1',
      type: 'image',
      filename: 'a.png',
      size: 100,
      created_at: c.sb.state.now(),
    });
    for (const media_id of ['PLAIN_1', 'UNKNOWN'])
      expect(
        (
          await c.post('externalcontact/add_moment_task', {
            attachments: [{ msgtype: 'image', image: { media_id } }],
          })
        ).errcode,
      ).toBe(40007);
  });
});

describe('chat archive', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 200 } });
  });
  afterAll(() => c.sb.close());

  it('is seeded with a few hundred messages in the decrypted JSON shape, pulled by seq', async () => {
    const first = await c.control('GET', 'archive/messages?seq=0&limit=1000');
    const data = first.body.chatdata as Array<{
      seq: number;
      msgid: string;
      message: Record<string, unknown>;
    }>;
    expect(data.length).toBeGreaterThanOrEqual(200);
    expect(data.map((d) => d.seq)).toEqual(data.map((_, i) => i + 1));
    const m = data[0].message;
    expect(m).toEqual({
      msgid: data[0].msgid,
      action: 'send',
      from: expect.any(String),
      tolist: [expect.any(String)],
      roomid: '',
      msgtime: expect.any(Number),
      msgtype: 'text',
      text: { content: expect.any(String) },
    });
    expect(String(m.msgtime)).toHaveLength(13);
    const times = data.map((d) => d.message.msgtime as number);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const text = data.map((d) => (d.message.text as { content: string }).content).join('\n');
    for (const kw of ['护肤', '口红', '价格', '退货']) expect(text).toContain(kw);
    const page = await c.control('GET', 'archive/messages?seq=10&limit=5');
    expect(page.body.chatdata.map((d: { seq: number }) => d.seq)).toEqual([11, 12, 13, 14, 15]);
    const capped = await c.control('GET', 'archive/messages?seq=0&limit=5000');
    expect(capped.body.chatdata.length).toBeLessThanOrEqual(1000);
  });

  it('POST adds a message at the end', async () => {
    const f = [...c.sb.state.follows.values()][0];
    const before = c.sb.state.archive.length;
    const r = await c.act('archive/messages', {
      from: f.external_userid,
      tolist: [f.userid],
      content: '这款口红多少钱？',
    });
    expect(r.seq).toBe(before + 1);
    const got = await c.control('GET', `archive/messages?seq=${before}&limit=10`);
    expect(got.body.chatdata).toHaveLength(1);
    expect(got.body.chatdata[0].message.text.content).toBe('这款口红多少钱？');
  });

  it('msgaudit/sandbox_get_chat_data serves the archive by seq (exclusive, 1..1000) with a token', async () => {
    const r = await c.post('msgaudit/sandbox_get_chat_data', { seq: 10, limit: 5 });
    expect(r.errcode).toBe(0);
    expect(r.chatdata.map((d: { seq: number }) => d.seq)).toEqual([11, 12, 13, 14, 15]);
    expect(r.chatdata[0]).toEqual({
      seq: 11,
      msgid: expect.any(String),
      publickey_ver: 1,
      message: expect.objectContaining({ msgtype: 'text', action: 'send' }),
    });
    expect((await c.post('msgaudit/sandbox_get_chat_data', { seq: 0, limit: 1001 })).errcode).toBe(
      40058,
    );
    const end = c.sb.state.archive.length;
    expect((await c.post('msgaudit/sandbox_get_chat_data', { seq: end })).chatdata).toEqual([]);
  });

  it('a group or staff message, or another type, enters the archive; msgaudit_notify follows', async () => {
    const chat = c.sb.state.groupChatList[0];
    const before = c.sb.state.callbackDeliveries.length;
    const r = await c.act('archive/messages', {
      from: chat.owner,
      tolist: ['wmSomeone'],
      roomid: chat.chat_id,
      msgtype: 'link',
      link: { title: '新品', description: '奶粉上市', link_url: 'https://example.com' },
    });
    const m = c.sb.state.archive[r.seq - 1];
    expect(m).toMatchObject({ roomid: chat.chat_id, msgtype: 'link', link: { title: '新品' } });
    const notify = c.sb.state.callbackDeliveries.slice(before);
    expect(notify.map((d) => d.event)).toEqual(['msgaudit_notify']);
    expect(notify[0].xml).toContain('<Event><![CDATA[msgaudit_notify]]></Event>');
    expect(notify[0].xml).toContain('<AgentID>2000003</AgentID>');
    const bad = await fetch(`${c.url}/sandbox/archive/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: chat.owner,
        tolist: ['x'],
        roomid: 'wrNoSuchGroup',
        content: 'x',
      }),
    });
    expect(bad.status).toBe(404);
  });
});
