import { Client, startClient } from './helpers';

describe('address book APIs', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 50 } });
  });
  afterAll(() => c.sb.close());

  it('department/list returns the tree with doc fields; id limits to a subtree', async () => {
    const all = await c.get('department/list', {}, 'addressbook');
    expect(all.errcode).toBe(0);
    expect(all.department.length).toBeGreaterThanOrEqual(10);
    expect(all.department[0]).toEqual({
      id: 1,
      name: expect.any(String),
      name_en: expect.any(String),
      department_leader: expect.arrayContaining([]),
      parentid: 0,
      order: expect.any(Number),
    });
    const names = all.department.map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining(['总部', '华东区', '上海静安店', '杭州西湖店']));
    const east = await c.get('department/list', { id: 3 });
    expect(
      east.department.map((d: { id: number }) => d.id).sort((a: number, b: number) => a - b),
    ).toEqual([3, 4, 5, 6, 7]);
    expect((await c.get('department/list', { id: 999 })).errcode).toBe(60123);
    const simple = await c.get('department/simplelist', { id: 3 });
    expect(simple.department_id[0]).toEqual({ id: 3, parentid: 1, order: expect.any(Number) });
  });

  it('user/get returns the member; unknown 60111, missing 41009, malformed 40003', async () => {
    const u = await c.get('user/get', { userid: 'liuyang' });
    expect(u).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
      userid: 'liuyang',
      name: '刘洋',
      status: 1,
      position: '导购',
    });
    expect(u.department).toEqual([4, 5]);
    expect(u.main_department).toBe(4);
    expect(typeof u.gender).toBe('string');
    expect((await c.get('user/get', { userid: 'nobody' })).errcode).toBe(60111);
    expect((await c.get('user/get', {})).errcode).toBe(41009);
    expect((await c.get('user/get', { userid: '张三' })).errcode).toBe(40003);
  });

  it('user/simplelist and user/list by department, fetch_child', async () => {
    const jingan = await c.get('user/simplelist', { department_id: 4 });
    const ids = jingan.userlist.map((u: { userid: string }) => u.userid);
    expect(ids).toEqual(expect.arrayContaining(['lina', 'liuyang', 'chenjing', 'maxiaoyu']));
    expect(jingan.userlist[0]).toEqual({
      userid: expect.any(String),
      name: expect.any(String),
      department: expect.arrayContaining([]),
      open_userid: expect.any(String),
    });
    const east = await c.get('user/list', { department_id: 3, fetch_child: 1 });
    expect(east.userlist.length).toBeGreaterThan(8);
    expect(east.userlist[0]).toHaveProperty('position');
    const eastOnly = await c.get('user/list', { department_id: 3 });
    expect(eastOnly.userlist.map((u: { userid: string }) => u.userid)).toEqual(['wangfang']);
    expect((await c.get('user/list', {})).errcode).toBe(41019);
    expect((await c.get('user/list', { department_id: 404 })).errcode).toBe(60003);
  });

  it('user/list_id pages with cursor over (member, department) pairs', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await c.post('user/list_id', { cursor, limit: 4 }, 'addressbook');
      expect(r.errcode).toBe(0);
      expect(r.dept_user.length).toBeLessThanOrEqual(4);
      for (const x of r.dept_user) seen.push(`${x.userid}@${x.department}`);
      cursor = r.next_cursor || undefined;
      pages++;
    } while (cursor && pages < 50);
    const expected = c.sb.state.userList.flatMap((u) =>
      u.department.map((d) => `${u.userid}@${d}`),
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
