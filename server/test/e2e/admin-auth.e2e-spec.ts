import { randomBytes } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { freePort } from '../support/free-port';
import { spawnServerProcess, SpawnedProcess, waitFor } from '../support/processes';

/**
 * The real API process over HTTP, its log captured: login, roles, expiry, rate limit,
 * validation, and corp secrets that never come back out, neither in a body nor in a log line.
 */
describe('admin auth and corp secrets (API process)', () => {
  const LIMIT = 6;
  let api: SpawnedProcess;
  let url: string;
  let adminToken: string;
  let logins = 0;
  const secrets = {
    agentSecret: `agent-${randomBytes(12).toString('hex')}`,
    contactSecret: `contact-${randomBytes(12).toString('hex')}`,
    addressBookSecret: `book-${randomBytes(12).toString('hex')}`,
    callbackToken: `Tok${randomBytes(8).toString('hex')}`,
    encodingAESKey: randomBytes(40)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 43),
  };
  const corpId = `wwe2e${randomBytes(6).toString('hex')}`;

  const login = (username: string, password: string) => {
    logins += 1;
    return request(url).post('/api/auth/login').send({ username, password });
  };

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = spawnServerProcess('main.js', {
      ...process.env,
      APP_MODE: 'api',
      PORT: String(port),
      LOG_LEVEL: 'debug',
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      BULL_PREFIX: `${process.env.BULL_PREFIX}-auth`,
    });
    await waitFor('the API to answer', async () =>
      (await request(url).get('/health')).status === 200 ? true : undefined,
    );
    const res = await login(
      process.env.ADMIN_INITIAL_USERNAME!,
      process.env.ADMIN_INITIAL_PASSWORD!,
    ).expect(200);
    adminToken = res.body.accessToken;
    expect(res.body.user).toMatchObject({
      username: process.env.ADMIN_INITIAL_USERNAME,
      role: 'admin',
    });
    expect(res.body.expiresIn).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('reports MariaDB and Redis ready', async () => {
    const res = await request(url).get('/health/ready').expect(200);
    expect(res.body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers 401 to a wrong password, the same as to an unknown user', async () => {
    const wrong = await login(process.env.ADMIN_INITIAL_USERNAME!, 'not-the-password').expect(401);
    const unknown = await login('nobody-here', 'not-the-password').expect(401);
    expect(wrong.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.body.requestId).toBeTruthy();
  });

  it('answers 400 naming the field when the login body is bad', async () => {
    logins += 1;
    const res = await request(url).post('/api/auth/login').send({ username: 'admin' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.errors)).toEqual(['password']);
  });

  it('keeps corp secrets write-only', async () => {
    const created = await request(url)
      .post('/api/admin/corps')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ corpId, name: '测试企业', agentId: 1000002, ...secrets })
      .expect(201);
    expect(created.body).toMatchObject({
      corpId,
      credentials: {
        agentSecret: true,
        contactSecret: true,
        callbackToken: true,
        encodingAESKey: true,
      },
      callbackPath: `/wecom/callback/${corpId}`,
    });
    const list = await request(url)
      .get('/api/admin/corps')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    const patched = await request(url)
      .patch(`/api/admin/corps/${corpId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ name: '测试企业二' })
      .expect(200);
    expect(patched.body.name).toBe('测试企业二');
    // a corp's time zone: Asia/Shanghai unless set, any IANA zone, a 400 naming it otherwise
    expect(created.body.timeZone).toBe('Asia/Shanghai');
    const zoned = await request(url)
      .patch(`/api/admin/corps/${corpId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ timeZone: 'Asia/Tokyo' })
      .expect(200);
    expect(zoned.body.timeZone).toBe('Asia/Tokyo');
    const badZone = await request(url)
      .patch(`/api/admin/corps/${corpId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ timeZone: 'Mars/Olympus' })
      .expect(400);
    expect(Object.keys(badZone.body.errors)).toEqual(['timeZone']);
    const bad = await request(url)
      .post('/api/admin/corps')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ corpId: 'x', name: 'bad', agentId: 1, ...secrets, encodingAESKey: 'short' })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['corpId', 'encodingAESKey']);
    for (const body of [created.body, list.body, patched.body, bad.body]) {
      const text = JSON.stringify(body);
      for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    }
  });

  it('gives a viewer 403 on admin-only routes and 200 on reads', async () => {
    await request(url)
      .post('/api/admin/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        username: 'viewer.e2e',
        displayName: '只读',
        password: 'viewer-password-1',
        role: 'viewer',
      })
      .expect(201);
    const viewerToken = (await login('viewer.e2e', 'viewer-password-1').expect(200)).body
      .accessToken;
    const denied = await request(url)
      .post('/api/admin/corps')
      .set('Authorization', `Bearer ${viewerToken}`)
      .send({ corpId: 'wwviewer0001', name: 'x', agentId: 1, ...secrets })
      .expect(403);
    expect(denied.body.code).toBe('FORBIDDEN_ROLE');
    await request(url)
      .get('/api/admin/users')
      .set('Authorization', `Bearer ${viewerToken}`)
      .expect(403);
    await request(url)
      .get('/api/admin/corps')
      .set('Authorization', `Bearer ${viewerToken}`)
      .expect(200);
    const me = await request(url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${viewerToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'viewer.e2e', role: 'viewer' });
  });

  it('answers 401 to a missing, forged or expired token', async () => {
    expect((await request(url).get('/api/auth/me').expect(401)).body.code).toBe('AUTH_REQUIRED');
    const forged = jwt.sign(
      { sub: '1', username: 'admin', role: 'admin' },
      'another-secret-of-enough-length-123',
    );
    await request(url).get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    const expired = jwt.sign(
      { sub: '1', username: 'admin', role: 'admin', exp: Math.floor(Date.now() / 1000) - 5 },
      process.env.JWT_SECRET!,
    );
    const res = await request(url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(res.body.code).toBe('AUTH_TOKEN_EXPIRED');
  });

  it('rate limits login attempts with 429', async () => {
    while (logins < LIMIT) await login('nobody-here', 'wrong-password').expect(401);
    const res = await login(
      process.env.ADMIN_INITIAL_USERNAME!,
      process.env.ADMIN_INITIAL_PASSWORD!,
    ).expect(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('never wrote a secret, password or token to its log', async () => {
    const log = api.output();
    expect(log).toContain('failed admin login'); // the log was captured and is not empty
    const forbidden = [
      ...Object.values(secrets),
      process.env.ADMIN_INITIAL_PASSWORD!,
      'viewer-password-1',
      process.env.JWT_SECRET!,
      process.env.SECRETS_ENCRYPTION_KEY!,
      adminToken,
    ];
    for (const value of forbidden) expect(log).not.toContain(value);
  });
});
