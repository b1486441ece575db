import { Client, startClient } from './helpers';

describe('customer group chat APIs', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 300 } });
  });
  afterAll(() => c.sb.close());

  it('groupchat/list pages through the 30 seeded groups', async () => {
    const ids: string[] = [];
    let cursor = '';
    do {
      const r = await c.post('externalcontact/groupchat/list', {
        status_filter: 0,
        cursor,
        limit: 7,
      });
      expect(r.errcode).toBe(0);
      for (const g of r.group_chat_list) {
        expect(g).toEqual({ chat_id: expect.stringMatching(/^wr[A-Za-z0-9_-]{20,}$/), status: 0 });
        ids.push(g.chat_id);
      }
      cursor = r.next_cursor;
    } while (cursor);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('owner_filter and limit validation', async () => {
    const owner = c.sb.state.groupChatList[0].owner;
    const r = await c.post('externalcontact/groupchat/list', {
      owner_filter: { userid_list: [owner] },
      limit: 100,
    });
    const expected = c.sb.state.groupChatList
      .filter((g) => g.owner === owner)
      .map((g) => g.chat_id);
    expect(r.group_chat_list.map((g: { chat_id: string }) => g.chat_id)).toEqual(expected);
    expect((await c.post('externalcontact/groupchat/list', {})).errcode).toBe(40058);
    expect((await c.post('externalcontact/groupchat/list', { limit: 1001 })).errcode).toBe(40058);
  });

  it('groupchat/get returns members (staff type 1, customers type 2) and admins', async () => {
    const chat =
      c.sb.state.groupChatList.find((g) => g.admins.length > 0) ?? c.sb.state.groupChatList[0];
    const r = await c.post('externalcontact/groupchat/get', {
      chat_id: chat.chat_id,
      need_name: 1,
    });
    expect(r.errcode).toBe(0);
    const g = r.group_chat;
    expect(g).toMatchObject({
      chat_id: chat.chat_id,
      name: expect.any(String),
      owner: chat.owner,
      create_time: expect.any(Number),
      notice: expect.any(String),
    });
    const owner = g.member_list.find((m: { userid: string }) => m.userid === chat.owner);
    expect(owner).toMatchObject({ type: 1, join_scene: 1 });
    const customers = g.member_list.filter((m: { type: number }) => m.type === 2);
    expect(customers.length).toBeGreaterThan(0);
    for (const m of customers) {
      expect([1, 2, 3]).toContain(m.join_scene);
      expect(typeof m.join_time).toBe('number');
      expect(typeof m.name).toBe('string');
      if (m.join_scene !== 3) expect(m.invitor).toEqual({ userid: expect.any(String) });
    }
    expect(Array.isArray(g.admin_list)).toBe(true);
    const noName = await c.post('externalcontact/groupchat/get', { chat_id: chat.chat_id });
    expect(noName.group_chat.member_list[0].name).toBeUndefined();
    expect((await c.post('externalcontact/groupchat/get', { chat_id: 'wrNOPE' })).errcode).toBe(
      40050,
    );
  });

  it('status 1 after the owner leaves; status_filter selects it', async () => {
    const chat = c.sb.state.groupChatList[3];
    await c.act(`users/${chat.owner}/leave`);
    const r = await c.post('externalcontact/groupchat/list', { status_filter: 1, limit: 1000 });
    expect(r.group_chat_list.map((g: { chat_id: string }) => g.chat_id)).toContain(chat.chat_id);
    for (const g of r.group_chat_list) expect(g.status).toBe(1);
  });
});
