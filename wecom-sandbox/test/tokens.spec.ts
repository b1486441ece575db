import { Client, startClient } from './helpers';

describe('gettoken and access_token rules', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 50 } });
  });
  afterAll(() => c.sb.close());

  it('issues a token per secret with expires_in 7200 and returns the same token while valid', async () => {
    const { corp } = c.sb;
    const a = await c.raw('GET', 'gettoken', {
      corpid: corp.corpId,
      corpsecret: corp.contactSecret,
    });
    expect(a).toEqual({
      errcode: 0,
      errmsg: 'ok',
      access_token: expect.any(String),
      expires_in: 7200,
    });
    expect(a.access_token.length).toBeLessThanOrEqual(512);
    const b = await c.raw('GET', 'gettoken', {
      corpid: corp.corpId,
      corpsecret: corp.contactSecret,
    });
    expect(b.access_token).toBe(a.access_token);
    const agent = await c.raw('GET', 'gettoken', {
      corpid: corp.corpId,
      corpsecret: corp.agent.secret,
    });
    const book = await c.raw('GET', 'gettoken', {
      corpid: corp.corpId,
      corpsecret: corp.addressBookSecret,
    });
    expect(new Set([a.access_token, agent.access_token, book.access_token]).size).toBe(3);
  });

  it('rejects wrong corpid (40013), wrong secret (40001) and missing parameters', async () => {
    const { corp } = c.sb;
    expect(
      (await c.raw('GET', 'gettoken', { corpid: 'wwnope', corpsecret: corp.contactSecret }))
        .errcode,
    ).toBe(40013);
    expect(
      (await c.raw('GET', 'gettoken', { corpid: corp.corpId, corpsecret: 'bad' })).errcode,
    ).toBe(40001);
    expect((await c.raw('GET', 'gettoken', { corpsecret: 'bad' })).errcode).toBe(41002);
    expect((await c.raw('GET', 'gettoken', { corpid: corp.corpId })).errcode).toBe(41004);
    const r = await c.raw('GET', 'gettoken', { corpid: corp.corpId, corpsecret: 'bad' });
    expect(r.errmsg).toMatch(
      /more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40001/,
    );
    expect(r.access_token).toBeUndefined();
  });

  it('missing token 41001, unknown token 40014', async () => {
    expect((await c.raw('GET', 'user/get', { userid: 'lina' })).errcode).toBe(41001);
    expect((await c.raw('GET', 'user/get', { userid: 'lina', access_token: 'nope' })).errcode).toBe(
      40014,
    );
  });

  it('each secret is its own scope', async () => {
    const book = await c.token('addressbook');
    const r = await c.raw('GET', 'externalcontact/get_follow_user_list', { access_token: book });
    expect(r.errcode).toBe(48002);
    const contact = await c.token('contact');
    expect(
      (await c.raw('GET', 'ticket/get', { access_token: contact, type: 'agent_config' })).errcode,
    ).toBe(48002);
    expect(
      (await c.raw('GET', 'auth/getuserinfo', { access_token: contact, code: 'x' })).errcode,
    ).toBe(48002);
    const agent = await c.token('agent');
    expect(
      (await c.raw('GET', 'externalcontact/get_follow_user_list', { access_token: agent })).errcode,
    ).toBe(0);
    expect((await c.raw('GET', 'user/get', { access_token: book, userid: 'lina' })).errcode).toBe(
      0,
    );
  });

  it('expired tokens give 42001 and a fresh gettoken returns a new token', async () => {
    const old = await c.token('contact');
    await c.act('clock/advance', { seconds: 7201 });
    expect((await c.raw('GET', 'user/get', { access_token: old, userid: 'lina' })).errcode).toBe(
      42001,
    );
    c.forgetTokens();
    const fresh = await c.token('contact');
    expect(fresh).not.toBe(old);
    expect((await c.raw('GET', 'user/get', { access_token: fresh, userid: 'lina' })).errcode).toBe(
      0,
    );
  });

  it('POST /sandbox/tokens/expire expires every token now', async () => {
    const t = await c.token('agent');
    await c.act('tokens/expire');
    expect((await c.raw('GET', 'get_jsapi_ticket', { access_token: t })).errcode).toBe(42001);
    c.forgetTokens();
  });

  it('short ttl from options expires tokens in real time', async () => {
    const c2 = await startClient({ seed: { customers: 5 }, tokenTtlSeconds: 1 });
    try {
      const t = await c2.token('contact');
      const first = await c2.raw('GET', 'gettoken', {
        corpid: c2.sb.corp.corpId,
        corpsecret: c2.sb.corp.contactSecret,
      });
      expect(first.expires_in).toBeLessThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await c2.raw('GET', 'user/get', { access_token: t, userid: 'lina' })).errcode).toBe(
        42001,
      );
    } finally {
      await c2.sb.close();
    }
  });

  it('45009 when the per-API frequency limit configured at run time is exceeded', async () => {
    await c.act('config', { rateLimit: { perMinute: 3, perHour: 1000 } });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await c.get('user/get', { userid: 'lina' })).errcode);
    expect(codes).toEqual([0, 0, 0, 45009, 45009]);
    const r = await c.get('user/get', { userid: 'lina' });
    expect(r.errmsg).toMatch(/^api freq out of limit/);
    // Another API has its own counter.
    expect((await c.get('department/list')).errcode).toBe(0);
    await c.act('config', { rateLimit: { perMinute: 10000, perHour: 150000 } });
    expect((await c.get('user/get', { userid: 'lina' })).errcode).toBe(0);
  });

  it('never answers HTML: unknown API and bad JSON give WeCom-style JSON', async () => {
    const r = await c.post('externalcontact/nope', {});
    expect(r.errcode).toBe(48001);
    const bad = await c.raw(
      'POST',
      'externalcontact/remark',
      { access_token: await c.token() },
      '{not json',
    );
    expect(bad.errcode).toBe(40058);
    const res = await fetch(`${c.url}/nothing/here`);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(((await res.json()) as { errcode: number }).errcode).toBe(48001);
  });
});
