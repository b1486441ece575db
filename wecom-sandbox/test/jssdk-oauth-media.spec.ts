import { Client, startClient } from './helpers';

describe('JS-SDK tickets, OAuth, media', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 20 } });
  });
  afterAll(() => c.sb.close());

  it('tickets are cached within validity; bad type is 91040', async () => {
    const a = await c.get('ticket/get', { type: 'agent_config' }, 'agent');
    expect(a).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.any(String), expires_in: 7200 });
    const b = await c.get('ticket/get', { type: 'agent_config' }, 'agent');
    expect(b.ticket).toBe(a.ticket);
    const corp = await c.get('get_jsapi_ticket', {}, 'agent');
    expect(corp.ticket).not.toBe(a.ticket);
    expect(corp.expires_in).toBeGreaterThan(7000);
    expect((await c.get('ticket/get', { type: 'wx_card' }, 'agent')).errcode).toBe(91040);
  });

  it('OAuth: authorize page lists staff and redirects with code and state; code is single use', async () => {
    const redirect = 'http://127.0.0.1:5173/sidebar/?from=wecom';
    const page = await fetch(
      `${c.url}/connect/oauth2/authorize?appid=${c.sb.corp.corpId}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=snsapi_base&agentid=${c.sb.corp.agent.agentId}&state=xyz#wechat_redirect`,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('刘洋');
    const href = /href="([^"]*userid=liuyang[^"]*)"/.exec(html)![1].replace(/&amp;/g, '&');
    const res = await fetch(`${c.url}${href}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(`${loc.origin}${loc.pathname}`).toBe('http://127.0.0.1:5173/sidebar/');
    expect(loc.searchParams.get('from')).toBe('wecom');
    expect(loc.searchParams.get('state')).toBe('xyz');
    const code = loc.searchParams.get('code')!;
    const info = await c.get('auth/getuserinfo', { code }, 'agent');
    expect(info).toEqual({ errcode: 0, errmsg: 'ok', userid: 'liuyang' });
    expect((await c.get('auth/getuserinfo', { code }, 'agent')).errcode).toBe(40029);
    expect((await c.get('auth/getuserinfo', { code: 'made-up' }, 'agent')).errcode).toBe(40029);
    expect((await c.get('auth/getuserinfo', {}, 'agent')).errcode).toBe(41008);
  });

  it('OAuth codes expire after 5 minutes; snsapi_privateinfo returns a user_ticket', async () => {
    const login = async (scope: string) => {
      const res = await fetch(
        `${c.url}/connect/oauth2/sandbox-login?userid=lina&redirect_uri=${encodeURIComponent('http://x/cb')}&state=s&scope=${scope}`,
        { redirect: 'manual' },
      );
      return new URL(res.headers.get('location')!).searchParams.get('code')!;
    };
    const priv = await c.get(
      'auth/getuserinfo',
      { code: await login('snsapi_privateinfo') },
      'agent',
    );
    expect(priv).toMatchObject({
      userid: 'lina',
      user_ticket: expect.any(String),
      expires_in: 1800,
    });
    const stale = await login('snsapi_base');
    await c.act('clock/advance', { seconds: 301 });
    c.forgetTokens();
    expect((await c.get('auth/getuserinfo', { code: stale }, 'agent')).errcode).toBe(40029);
  });

  it('media/upload (multipart) returns type, media_id, created_at; uploadimg returns a url', async () => {
    const form = new FormData();
    form.append('media', new Blob([Buffer.alloc(2048, 7)], { type: 'image/png' }), 'a.png');
    const token = await c.token('agent');
    const r = (await (
      await fetch(`${c.url}/cgi-bin/media/upload?access_token=${token}&type=image`, {
        method: 'POST',
        body: form,
      })
    ).json()) as Record<string, unknown>;
    expect(r).toEqual({
      errcode: 0,
      errmsg: 'ok',
      type: 'image',
      media_id: expect.any(String),
      created_at: expect.stringMatching(/^\d+$/),
    });
    const bad = (await (
      await fetch(`${c.url}/cgi-bin/media/upload?access_token=${token}&type=pdf`, {
        method: 'POST',
        body: form,
      })
    ).json()) as Record<string, unknown>;
    expect(bad.errcode).toBe(40004);
    const empty = new FormData();
    empty.append('media', new Blob([]), 'x.png');
    const e = (await (
      await fetch(`${c.url}/cgi-bin/media/upload?access_token=${token}&type=file`, {
        method: 'POST',
        body: empty,
      })
    ).json()) as Record<string, unknown>;
    expect(e.errcode).toBe(44001);
    const img = (await (
      await fetch(`${c.url}/cgi-bin/media/uploadimg?access_token=${token}`, {
        method: 'POST',
        body: form,
      })
    ).json()) as Record<string, string>;
    expect(img.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/media\/img\//);
    expect((await fetch(img.url)).status).toBe(200);
  });
});
