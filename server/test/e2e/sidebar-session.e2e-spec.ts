import request from 'supertest';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/** The sidebar signs a guide in only with a WeCom OAuth code, once. */
describe('sidebar session from WeCom OAuth', () => {
  let stack: SandboxStack;

  beforeAll(async () => {
    stack = await startSandboxStack({ withWorker: false });
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** What WeCom does when the guide opens the sidebar: redirect back with a one-time code. */
  const oauthCode = async (userid: string) => {
    const res = await request(stack.sandbox.url)
      .get('/connect/oauth2/sandbox-login')
      .query({ userid, redirect_uri: 'http://127.0.0.1:5174/', state: 's1', scope: 'snsapi_base' })
      .redirects(0);
    const location = new URL(res.headers.location);
    return location.searchParams.get('code')!;
  };

  it('exchanges a code for a session naming the guide, and refuses the same code twice', async () => {
    const guide = stack.sandbox.state.userList.find((u) => stack.sandbox.state.isActive(u))!;
    const code = await oauthCode(guide.userid);
    const res = await request(stack.url).post('/api/sidebar/session').send({ code }).expect(200);
    expect(res.body.staff).toEqual({
      userId: guide.userid,
      name: guide.name,
      corpId: stack.sandbox.corp.corpId,
    });
    expect(res.body.token).toBeTruthy();

    const again = await request(stack.url).post('/api/sidebar/session').send({ code }).expect(401);
    expect(again.body.code).toBe('SIDEBAR_CODE_INVALID');
  });

  it('gives a sidebar session no access to the admin API', async () => {
    const guide = stack.sandbox.state.userList.find((u) => stack.sandbox.state.isActive(u))!;
    const { token } = (
      await request(stack.url)
        .post('/api/sidebar/session')
        .send({ code: await oauthCode(guide.userid) })
        .expect(200)
    ).body;
    await request(stack.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    await request(stack.url)
      .get('/api/admin/corps')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
  });

  it('refuses a made-up code and a bad body', async () => {
    await request(stack.url).post('/api/sidebar/session').send({ code: 'made-up' }).expect(401);
    const bad = await request(stack.url).post('/api/sidebar/session').send({}).expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['code']);
  });
});
