import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { freePort } from '../support/free-port';
import { loginAsAdmin, registerCorp } from '../support/sandbox-stack';
import { createTestApp } from '../support/test-app';

const corpRegistration = (corpId: string, name: string) => ({
  corpId,
  name,
  agentId: 1000002,
  agentSecret: `agent-${randomBytes(8).toString('hex')}`,
  callbackToken: `Tok${randomBytes(6).toString('hex')}`,
  encodingAESKey: randomBytes(40)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 43),
});

/**
 * Admin accounts over HTTP on the real app: corp-scoped accounts see only their corps, and a
 * disabled user, a changed role or a reset password ends the user's sessions on the next request.
 */
describe('admin users and corp scope (HTTP)', () => {
  let app: INestApplication;
  let url: string;
  let admin: string;
  const run = randomBytes(3).toString('hex');
  const corpA = `wwusersa${run}`;
  const corpB = `wwusersb${run}`;
  const password = 'scoped-password-1';

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = async (username: string, pw = password) =>
    (await request(url).post('/api/auth/login').send({ username, password: pw }).expect(200)).body
      .accessToken as string;
  const createUser = (body: Record<string, unknown>) =>
    request(url).post('/api/admin/users').set(as(admin)).send(body);

  beforeAll(async () => {
    app = await createTestApp();
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    url = `http://127.0.0.1:${port}`;
    admin = await loginAsAdmin(url);
    await registerCorp(url, admin, corpRegistration(corpA, '品牌甲'));
    await registerCorp(url, admin, corpRegistration(corpB, '品牌乙'));
  });

  afterAll(() => app?.close());

  it('creates a scoped manager who sees only their corp and is refused the other', async () => {
    const created = await createUser({
      username: `mgr.a.${run}`,
      displayName: '甲运营',
      password,
      corps: [{ corpId: corpA, role: 'manager' }],
    }).expect(201);
    expect(created.body).toMatchObject({
      username: `mgr.a.${run}`,
      role: 'manager',
      installationWide: false,
      corps: [{ corpId: corpA, role: 'manager' }],
      disabled: false,
    });
    expect(created.body).not.toHaveProperty('passwordHash');

    const token = await login(`mgr.a.${run}`);
    const me = await request(url).get('/api/auth/me').set(as(token)).expect(200);
    expect(me.body).toMatchObject({ kind: 'admin', corps: [{ corpId: corpA, role: 'manager' }] });

    const corps = await request(url).get('/api/admin/corps').set(as(token)).expect(200);
    expect(corps.body.map((c: { corpId: string }) => c.corpId)).toEqual([corpA]);
    await request(url).get(`/api/admin/corps/${corpA}`).set(as(token)).expect(200);
    const other = await request(url).get(`/api/admin/corps/${corpB}`).set(as(token)).expect(403);
    expect(other.body.code).toBe('FORBIDDEN_CORP');
    await request(url)
      .get('/api/admin/channels')
      .query({ corpId: corpB })
      .set(as(token))
      .expect(403);
    await request(url)
      .get('/api/admin/channels')
      .query({ corpId: corpA })
      .set(as(token))
      .expect(200);
    // a corp in the body is checked the same way
    const body = await request(url)
      .post('/api/admin/channels')
      .set(as(token))
      .send({ corpId: corpB, name: 'x' })
      .expect(403);
    expect(body.body.code).toBe('FORBIDDEN_CORP');
    // a manager of the corp is not its admin, and not an installation admin
    await request(url)
      .patch(`/api/admin/corps/${corpA}`)
      .set(as(token))
      .send({ name: 'y' })
      .expect(403);
    await request(url).get('/api/admin/users').set(as(token)).expect(403);
  });

  it('answers 400 naming the field for an unknown corp, a blank or NUL display name', async () => {
    const unknown = await createUser({
      username: `ghost.${run}`,
      displayName: '幽灵',
      password,
      corps: [{ corpId: 'wwdoesnotexist', role: 'viewer' }],
    }).expect(400);
    expect(Object.keys(unknown.body.errors)).toEqual(['corps[0].corpId']);
    for (const displayName of ['   ', 'a\u0000b', '\u3000']) {
      const bad = await createUser({
        username: `blank.${run}`,
        displayName,
        password,
        role: 'viewer',
      }).expect(400);
      expect(Object.keys(bad.body.errors)).toEqual(['displayName']);
    }
    const both = await createUser({
      username: `both.${run}`,
      displayName: '两者',
      password,
      role: 'viewer',
      corps: [{ corpId: corpA, role: 'viewer' }],
    }).expect(400);
    expect(Object.keys(both.body.errors)).toEqual(['corps']);
  });

  it('ends the sessions of a disabled user at once; enabling does not revive them', async () => {
    const { body: user } = await createUser({
      username: `off.${run}`,
      displayName: '将停用',
      password,
      role: 'viewer',
    }).expect(201);
    const token = await login(`off.${run}`);
    await request(url).get('/api/admin/corps').set(as(token)).expect(200);

    const disabled = await request(url)
      .post(`/api/admin/users/${user.id}/disable`)
      .set(as(admin))
      .expect(200);
    expect(disabled.body.disabled).toBe(true);
    const refused = await request(url).get('/api/admin/corps').set(as(token)).expect(401);
    expect(refused.body.code).toBe('AUTH_SESSION_REVOKED');
    await request(url)
      .post('/api/auth/login')
      .send({ username: `off.${run}`, password })
      .expect(401);

    await request(url).post(`/api/admin/users/${user.id}/enable`).set(as(admin)).expect(200);
    await request(url).get('/api/admin/corps').set(as(token)).expect(401);
    await request(url)
      .get('/api/admin/corps')
      .set(as(await login(`off.${run}`)))
      .expect(200);
  });

  it('a new role or corps, or a reset password, ends the old sessions', async () => {
    const { body: user } = await createUser({
      username: `move.${run}`,
      displayName: '调岗',
      password,
      corps: [{ corpId: corpA, role: 'viewer' }],
    }).expect(201);
    const first = await login(`move.${run}`);
    const moved = await request(url)
      .patch(`/api/admin/users/${user.id}`)
      .set(as(admin))
      .send({ corps: [{ corpId: corpB, role: 'manager' }] })
      .expect(200);
    expect(moved.body.corps).toEqual([{ corpId: corpB, role: 'manager' }]);
    await request(url).get('/api/admin/corps').set(as(first)).expect(401);
    const second = await login(`move.${run}`);
    const corps = await request(url).get('/api/admin/corps').set(as(second)).expect(200);
    expect(corps.body.map((c: { corpId: string }) => c.corpId)).toEqual([corpB]);

    await request(url)
      .post(`/api/admin/users/${user.id}/password`)
      .set(as(admin))
      .send({ password: 'a-new-password-2' })
      .expect(200);
    await request(url).get('/api/admin/corps').set(as(second)).expect(401);
    await request(url)
      .post('/api/auth/login')
      .send({ username: `move.${run}`, password })
      .expect(401);
    await login(`move.${run}`, 'a-new-password-2');
  });

  it('refuses to let an admin disable their own account, and 404s an unknown user', async () => {
    const me = await request(url).get('/api/auth/me').set(as(admin)).expect(200);
    const self = await request(url)
      .post(`/api/admin/users/${me.body.id}/disable`)
      .set(as(admin))
      .expect(400);
    expect(self.body.code).toBe('ADMIN_USER_SELF_DISABLE');
    await request(url).post('/api/admin/users/999999999/disable').set(as(admin)).expect(404);
  });
});
