import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * Staff sign in to the console with WeCom's web login, acted out by the sandbox: an admin gives
 * a member a console role, the member picks themself on the sandbox's login page (their scan),
 * the server exchanges the code, and the session has that role in that corp only. Taking the
 * role away, or the member leaving the corp (delete_user), ends the session at once.
 */
describe('staff web login (企业微信Web登录) against the sandbox', () => {
  let stack: SandboxStack;
  const api = () => request(stack.url);
  const corpId = () => stack.sandbox.corp.corpId;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const redirect = 'http://127.0.0.1:5173/login/wecom';

  const grant = (userId: string, role: string) =>
    api()
      .put(`/api/admin/corps/${corpId()}/staff-roles/${userId}`)
      .set(stack.auth())
      .send({ role });

  /** The whole browser flow: login URL → sandbox page → pick → redirect → code and state. */
  const scan = async (userId: string) => {
    const { body } = await api()
      .get('/api/auth/wecom/login-url')
      .query({ corpId: corpId(), redirectUri: redirect })
      .expect(200);
    expect(body.params).toMatchObject({
      login_type: 'CorpApp',
      appid: corpId(),
      agentid: String(stack.sandbox.corp.agent.agentId),
      redirect_uri: redirect,
    });
    expect(body.url).toBe(
      `${stack.sandbox.url}/wwlogin/sso/login?${new URLSearchParams(body.params).toString()}`,
    );
    const html = await (await fetch(body.url)).text();
    const href = new RegExp(`href="([^"]*)" data-userid="${userId}"`).exec(html)![1];
    const res = await fetch(`${stack.sandbox.url}${href.replace(/&amp;/g, '&')}`, {
      redirect: 'manual',
    });
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirect);
    return { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
  };

  const signIn = async (userId: string) => {
    const { code, state } = await scan(userId);
    return api().post('/api/auth/wecom/login').send({ corpId: corpId(), code, state });
  };

  beforeAll(async () => {
    stack = await startSandboxStack({ withWorker: true });
  });

  afterAll(() => stack?.close());

  it('signs a member in with the role an admin gave them, in their corp only', async () => {
    const granted = await grant('lina', 'manager').expect(200);
    expect(granted.body).toMatchObject({ corpId: corpId(), userId: 'lina', role: 'manager' });
    const listed = await api()
      .get(`/api/admin/corps/${corpId()}/staff-roles`)
      .set(stack.auth())
      .expect(200);
    expect(listed.body.map((r: { userId: string }) => r.userId)).toEqual(['lina']);

    const res = await signIn('lina');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      kind: 'staff',
      username: 'lina',
      role: 'manager',
      installationWide: false,
      corps: [{ corpId: corpId(), role: 'manager' }],
    });
    const token = res.body.accessToken;
    const me = await api().get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body.kind).toBe('staff');
    await api()
      .get('/api/admin/channels')
      .query({ corpId: corpId() })
      .set(bearer(token))
      .expect(200);
    await api().get('/api/admin/users').set(bearer(token)).expect(403);
    await api()
      .get('/api/admin/channels')
      .query({ corpId: 'wwsomeothercorp' })
      .set(bearer(token))
      .expect(403);
  });

  it('refuses a member without a console role (403 with a sentence)', async () => {
    const res = await signIn('liuyang');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('STAFF_NO_CONSOLE_ROLE');
    expect(res.body.message).toMatch(/ask an admin/);
  });

  it('refuses a used state, a used code, and someone outside the corp', async () => {
    const { code, state } = await scan('lina');
    await api().post('/api/auth/wecom/login').send({ corpId: corpId(), code, state }).expect(200);
    const again = await api().post('/api/auth/wecom/login').send({ corpId: corpId(), code, state });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('WECOM_LOGIN_STATE_INVALID');
    // a fresh state with a code WeCom already took: 40029 from auth/getuserinfo
    const fresh = await scan('lina');
    const used = await api()
      .post('/api/auth/wecom/login')
      .send({ corpId: corpId(), code, state: fresh.state });
    expect(used.status).toBe(401);
    expect(used.body.code).toBe('WECOM_LOGIN_CODE_INVALID');
    const outsider = await signIn('');
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('WECOM_LOGIN_NOT_A_MEMBER');
  });

  it('taking the role away ends the session at once', async () => {
    await grant('zhangwei', 'viewer').expect(200);
    const token = (await signIn('zhangwei')).body.accessToken;
    await api().get('/api/admin/corps').set(bearer(token)).expect(200);
    await api()
      .delete(`/api/admin/corps/${corpId()}/staff-roles/zhangwei`)
      .set(stack.auth())
      .expect(204);
    const res = await api().get('/api/admin/corps').set(bearer(token)).expect(401);
    expect(res.body.code).toBe('AUTH_SESSION_REVOKED');
    expect((await signIn('zhangwei')).status).toBe(403);
  });

  it('a member who leaves the corp (delete_user) loses access at once', async () => {
    const token = (await signIn('lina')).body.accessToken;
    await api().get('/api/admin/corps').set(bearer(token)).expect(200);
    await stack.act('/users/lina/leave', {});
    await waitFor('the delete_user event to end the session', async () =>
      (await api().get('/api/admin/corps').set(bearer(token))).status === 401 ? true : undefined,
    );
    const listed = await api()
      .get(`/api/admin/corps/${corpId()}/staff-roles`)
      .set(stack.auth())
      .expect(200);
    expect(listed.body).toEqual([]);
  });

  it('refuses to give a role to someone who is not a member (400 naming userId)', async () => {
    const res = await grant('nobody_here', 'viewer').expect(400);
    expect(Object.keys(res.body.errors)).toEqual(['userId']);
  });
});
