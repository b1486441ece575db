import { Client, startClient } from './helpers';

describe('demo corp seed', () => {
  it('is deterministic for the same PRNG seed', async () => {
    const a = await startClient({ seed: { customers: 120, random: 7 } });
    const b = await startClient({ seed: { customers: 120, random: 7 } });
    try {
      expect([...a.sb.state.customers.keys()]).toEqual([...b.sb.state.customers.keys()]);
      expect([...a.sb.state.customers.values()].map((x) => x.name)).toEqual(
        [...b.sb.state.customers.values()].map((x) => x.name),
      );
      expect(a.sb.state.groupChatList.map((g) => g.chat_id)).toEqual(
        b.sb.state.groupChatList.map((g) => g.chat_id),
      );
      expect([...a.sb.state.tags.keys()]).toEqual([...b.sb.state.tags.keys()]);
      expect(a.sb.corp.corpId).toBe('ww5f3a9c1e7b2d4068');
      expect(a.sb.state.summary()).toMatchObject({
        users: 21,
        customers: 120,
        groupChats: 30,
        tagGroups: 2,
      });
      const ids = [...a.sb.state.customers.keys()];
      for (const id of ids) expect(id).toMatch(/^w[mo][A-Za-z0-9_-]{22,30}$/);
      const r = await a.control('GET', 'state/summary');
      expect(r.body).toMatchObject({ ok: true, customers: 120, users: 21 });
    } finally {
      await a.sb.close();
      await b.sb.close();
    }
  });

  it('serves the console page and the data it needs', async () => {
    const c = await startClient({ seed: { customers: 20 } });
    try {
      const page = await fetch(`${c.url}/sandbox`);
      expect(page.headers.get('content-type')).toMatch(/html/);
      expect(await page.text()).toContain('企业微信 Sandbox');
      const data = await c.control('GET', 'data/overview');
      expect(data.body.users).toHaveLength(21);
      expect(data.body.groups).toHaveLength(30);
      expect((await c.control('POST', 'customers/scan', { configId: 'nope' })).status).toBe(404);
      expect((await c.control('POST', 'clock/advance', { seconds: -5 })).status).toBe(400);
      expect((await fetch(`${c.url}/sandbox/qr/nope.png`)).status).toBe(404);
    } finally {
      await c.sb.close();
    }
  });

  it('reset restores the seed', async () => {
    const c = await startClient({ seed: { customers: 50 } });
    try {
      const keys = [...c.sb.state.customers.keys()];
      await c.act('customers/add-staff', { userId: 'lina' });
      expect(c.sb.state.customers.size).toBe(51);
      await c.act('reset');
      expect([...c.sb.state.customers.keys()]).toEqual(keys);
      c.forgetTokens();
      expect((await c.get('externalcontact/get_follow_user_list')).errcode).toBe(0);
    } finally {
      await c.sb.close();
    }
  });

  it('builds 100,000 customers in seconds and pages them fast', async () => {
    const t0 = Date.now();
    const c: Client = await startClient({ seed: { customers: 100000 } });
    try {
      const buildMs = Date.now() - t0;
      expect(buildMs).toBeLessThan(6000);
      expect(c.sb.state.customers.size).toBe(100000);
      const users = (await c.get('externalcontact/get_follow_user_list')).follow_user.slice(0, 100);
      const t1 = Date.now();
      let cursor = '';
      let n = 0;
      for (let i = 0; i < 200; i++) {
        const r = await c.post('externalcontact/batch/get_by_user', {
          userid_list: users,
          cursor,
          limit: 100,
        });
        n += r.external_contact_list.length;
        cursor = r.next_cursor;
        if (!cursor) break;
      }
      const pageMs = (Date.now() - t1) / 200;
      expect(n).toBe(20000);
      expect(pageMs).toBeLessThan(40);
      const t2 = Date.now();
      const keys = [...c.sb.state.customers.keys()];
      const reqs = [];
      for (let i = 0; i < 500; i++)
        reqs.push(c.get('externalcontact/get', { external_userid: keys[i * 7] }));
      const results = await Promise.all(reqs);
      expect(results.every((r) => r.errcode === 0)).toBe(true);
      expect(Date.now() - t2).toBeLessThan(5000);
    } finally {
      await c.sb.close();
    }
  }, 30000);
});
