import { Client, startClient } from './helpers';

describe('moments (朋友圈)', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 60 } });
  });
  afterAll(() => c.sb.close());

  it('add_moment_task → jobid; result after the job finishes; tasks; publish', async () => {
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
    await c.act(`moments/${momentId}/publish`, { userid: 'lina' });
    const after = await c.post('externalcontact/get_moment_task', { moment_id: momentId });
    expect(after.task_list[0]).toEqual({ userid: 'lina', publish_status: 1 });
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
});
