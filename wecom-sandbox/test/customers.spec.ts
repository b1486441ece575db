import { Client, startClient } from './helpers';

describe('customer (external contact) APIs', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 300 } });
  });
  afterAll(() => c.sb.close());

  it('get_follow_user_list lists members with 客户联系 only', async () => {
    const r = await c.get('externalcontact/get_follow_user_list');
    expect(r.follow_user).toContain('lina');
    expect(r.follow_user).not.toContain('zhaolei');
    expect(r.follow_user).not.toContain('gaoyuan');
  });

  it('list returns the member customers; no permission 84074; unknown member 60111', async () => {
    const r = await c.get('externalcontact/list', { userid: 'liuyang' });
    expect(r.errcode).toBe(0);
    expect(r.external_userid.length).toBeGreaterThan(5);
    for (const id of r.external_userid) expect(id).toMatch(/^w[mo][A-Za-z0-9_-]{22,30}$/);
    expect((await c.get('externalcontact/list', { userid: 'zhaolei' })).errcode).toBe(84074);
    expect((await c.get('externalcontact/list', { userid: 'ghost' })).errcode).toBe(60111);
  });

  it('list of a member without customers is 84061 with an empty list (as WeCom answers)', async () => {
    await c.act('users', { userid: 'newbie', name: '新人', department: [4] });
    const r = await c.get('externalcontact/list', { userid: 'newbie' });
    expect(r.errcode).toBe(84061);
    expect(r.external_userid).toEqual([]);
  });

  it('get returns external_contact and follow_user with tag objects', async () => {
    const list = await c.get('externalcontact/list', { userid: 'chenjing' });
    const id = list.external_userid[0];
    const r = await c.get('externalcontact/get', { external_userid: id });
    expect(r.errcode).toBe(0);
    expect(r.external_contact).toMatchObject({
      external_userid: id,
      name: expect.any(String),
      avatar: expect.any(String),
    });
    expect([1, 2]).toContain(r.external_contact.type);
    expect([0, 1, 2]).toContain(r.external_contact.gender);
    const mine = r.follow_user.find((f: { userid: string }) => f.userid === 'chenjing');
    expect(mine).toMatchObject({
      userid: 'chenjing',
      remark: expect.any(String),
      description: expect.any(String),
      createtime: expect.any(Number),
      tags: expect.arrayContaining([]),
      add_way: expect.any(Number),
      oper_userid: expect.any(String),
    });
    for (const t of mine.tags)
      expect(t).toEqual({
        group_name: expect.any(String),
        tag_name: expect.any(String),
        tag_id: expect.stringMatching(/^et/),
        type: 1,
      });
    expect(r.next_cursor).toBe('');
  });

  it('seed has type 2 customers with corp_name, customers with two followers and states', () => {
    const st = c.sb.state;
    const corpUsers = [...st.customers.values()].filter((x) => x.type === 2);
    expect(corpUsers.length).toBeGreaterThan(0);
    expect(corpUsers[0].corp_name).toBeTruthy();
    const multi = [...st.followsByCustomer.values()].filter((f) => f.length === 2).length;
    expect(multi / st.customers.size).toBeGreaterThan(0.04);
    expect(multi / st.customers.size).toBeLessThan(0.2);
    expect([...st.follows.values()].some((f) => f.state)).toBe(true);
  });

  it('get: malformed or unknown id 40096, missing 41035', async () => {
    expect((await c.get('externalcontact/get', { external_userid: 'YangTao' })).errcode).toBe(
      40096,
    );
    expect(
      (await c.get('externalcontact/get', { external_userid: 'wmAAAAAAAAAAAAAAAAAAAAAAAAAA' }))
        .errcode,
    ).toBe(40096);
    expect((await c.get('externalcontact/get', {})).errcode).toBe(41035);
  });

  it('batch/get_by_user pages through every relation of the members exactly once', async () => {
    const users = ['lina', 'liuyang', 'huangmin'];
    const expected: string[] = [];
    for (const u of users)
      for (const id of (await c.get('externalcontact/list', { userid: u })).external_userid)
        expected.push(`${u}:${id}`);
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const r = await c.post('externalcontact/batch/get_by_user', {
        userid_list: users,
        cursor,
        limit: 7,
      });
      expect(r.errcode).toBe(0);
      expect(r.external_contact_list.length).toBeLessThanOrEqual(7);
      for (const x of r.external_contact_list) {
        expect(x.external_contact.external_userid).toBeTruthy();
        expect(Array.isArray(x.follow_info.tag_id)).toBe(true);
        expect(x.follow_info.tags).toBeUndefined();
        seen.push(`${x.follow_info.userid}:${x.external_contact.external_userid}`);
      }
      cursor = r.next_cursor;
      pages++;
    } while (cursor && pages < 500);
    expect(seen).toEqual(expected);
  });

  it('batch/get_by_user: limit defaults to 50 and is clamped to 100; >100 userids is an error', async () => {
    const st = c.sb.state;
    st.applyConfig({});
    const r = await c.post('externalcontact/batch/get_by_user', {
      userid_list: ['liuyang', 'chenjing', 'wuting', 'sunyan', 'guojun', 'heyu'],
    });
    expect(r.external_contact_list.length).toBe(50);
    const big = await c.post('externalcontact/batch/get_by_user', {
      userid_list: ['liuyang', 'chenjing', 'wuting', 'sunyan', 'guojun', 'heyu'],
      limit: 1000,
    });
    expect(big.external_contact_list.length).toBe(100);
    const tooMany = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect(
      (await c.post('externalcontact/batch/get_by_user', { userid_list: tooMany })).errcode,
    ).toBe(40058);
    expect((await c.post('externalcontact/batch/get_by_user', { userid_list: [] })).errcode).toBe(
      41009,
    );
    expect(
      (await c.post('externalcontact/batch/get_by_user', { userid_list: ['zhaolei'] })).errcode,
    ).toBe(84074);
  });

  it('remark updates the relation and validates lengths', async () => {
    const id = (await c.get('externalcontact/list', { userid: 'wuting' })).external_userid[0];
    const r = await c.post('externalcontact/remark', {
      userid: 'wuting',
      external_userid: id,
      remark: '王女士',
      description: '喜欢香氛',
      remark_mobiles: ['13800000000'],
    });
    expect(r).toEqual({ errcode: 0, errmsg: 'ok' });
    const got = await c.get('externalcontact/get', { external_userid: id });
    expect(got.follow_user.find((f: { userid: string }) => f.userid === 'wuting')).toMatchObject({
      remark: '王女士',
      description: '喜欢香氛',
      remark_mobiles: ['13800000000'],
    });
    expect(
      (
        await c.post('externalcontact/remark', {
          userid: 'wuting',
          external_userid: id,
          remark: 'x'.repeat(21),
        })
      ).errcode,
    ).toBe(40058);
    const other = (await c.get('externalcontact/list', { userid: 'heyu' })).external_userid.find(
      (x: string) => !c.sb.state.getFollow('wuting', x),
    );
    expect(
      (
        await c.post('externalcontact/remark', {
          userid: 'wuting',
          external_userid: other,
          remark: 'a',
        })
      ).errcode,
    ).toBe(84061);
    // API changes produce no callback.
    expect(c.sb.state.callbackDeliveries.length).toBe(1); // only the create_user above
  });
});
