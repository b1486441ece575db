import { Client, startClient } from './helpers';

/** 企业微信Web登录 (login.work.weixin.qq.com) as the sandbox acts it out, and auth/getuserinfo. */
describe('web login (企业微信Web登录)', () => {
  let c: Client;
  const redirect = 'http://127.0.0.1:5173/login/wecom?from=console';
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 5 } });
  });
  afterAll(() => c.sb.close());

  const loginUrl = (params: Record<string, string>) =>
    `${c.url}/wwlogin/sso/login?${new URLSearchParams({
      login_type: 'CorpApp',
      appid: c.sb.corp.corpId,
      agentid: String(c.sb.corp.agent.agentId),
      redirect_uri: redirect,
      state: 'st-123',
      ...params,
    }).toString()}`;

  /** Opens the login page, picks the member (their scan), follows the redirect: code and state. */
  const pick = async (userid: string) => {
    const html = await (await fetch(loginUrl({}))).text();
    const href = new RegExp(`href="([^"]*)" data-userid="${userid}"`).exec(html)![1];
    const res = await fetch(`${c.url}${href.replace(/&amp;/g, '&')}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  };

  it('lists the active members and redirects back with a code and the state', async () => {
    const page = await fetch(loginUrl({}));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('企业微信登录');
    expect(html).toContain('刘洋');
    const back = await pick('liuyang');
    expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:5173/login/wecom');
    expect(back.searchParams.get('from')).toBe('console');
    expect(back.searchParams.get('state')).toBe('st-123');
    const code = back.searchParams.get('code')!;
    // a member: the userid only, no user_ticket (获取用户登录身份)
    expect(await c.get('auth/getuserinfo', { code }, 'agent')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      userid: 'liuyang',
    });
  });

  it('codes are single use and expire after 5 minutes: 40029', async () => {
    const code = (await pick('lina')).searchParams.get('code')!;
    expect((await c.get('auth/getuserinfo', { code }, 'agent')).userid).toBe('lina');
    expect(await c.get('auth/getuserinfo', { code }, 'agent')).toMatchObject({ errcode: 40029 });
    const stale = (await pick('lina')).searchParams.get('code')!;
    await c.act('clock/advance', { seconds: 301 });
    c.forgetTokens();
    expect((await c.get('auth/getuserinfo', { code: stale }, 'agent')).errcode).toBe(40029);
  });

  it('someone outside the corp gets an openid and no userid', async () => {
    const code = (await pick('')).searchParams.get('code')!;
    const info = await c.get('auth/getuserinfo', { code }, 'agent');
    expect(info).toEqual({ errcode: 0, errmsg: 'ok', openid: expect.stringMatching(/^o/) });
  });

  it('a member who left is no longer on the page', async () => {
    await c.act('users/liuyang/leave', {});
    const html = await (await fetch(loginUrl({}))).text();
    expect(html).not.toContain('data-userid="liuyang"');
    expect(html).toContain('data-userid="lina"');
  });

  it.each([
    [{ login_type: 'ServiceApp' }, 'login_type'],
    [{ appid: 'wwnotthiscorp' }, 'appid'],
    [{ agentid: '42' }, 'agentid'],
    [{ redirect_uri: '' }, 'redirect_uri'],
  ])('refuses wrong parameters %p', async (params, word) => {
    const res = await fetch(loginUrl(params));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(word);
  });
});
