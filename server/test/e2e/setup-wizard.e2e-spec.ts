import { INestApplication } from '@nestjs/common';
import { RunningSandbox, startSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { resetEnvCache } from '../../src/config/configuration';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/processes';
import { createTestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A fresh installation through the first-run API: no admin, no corp; the first admin; the corp
 * registered with generated callback keys; each failure the sandbox acts out answered with its
 * errcode and sentence; then every check passes and the first sync reports each phase.
 */
describe('first run (setup API against the sandbox)', () => {
  let app: INestApplication;
  let sandbox: RunningSandbox;
  let url: string;
  let token: string;
  const seededPassword = process.env.ADMIN_INITIAL_PASSWORD;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const act = async (path: string, body: Json = {}) =>
    (await request(sandbox.url).post(`/sandbox/${path}`).send(body).expect(200)).body;
  const check = async (corpId: string): Promise<Json> =>
    (await request(url).post(`/api/setup/corps/${corpId}/check`).set(auth()).expect(200)).body;
  const byKey = (report: Json, key: string) =>
    (report.checks as Json[]).find((c) => c.key === key)!;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: { customers: 60 } });
    process.env.WECOM_BASE_URL = sandbox.url;
    // a fresh installation: no admin, and none seeded from the environment
    delete process.env.ADMIN_INITIAL_PASSWORD;
    resetEnvCache();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = await createTestApp({ withWorker: true });
    await app.get(DataSource).query('DELETE FROM admin_user');
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    // leave the seeded admin to the next suites: they recreate it at boot when none exists
    await app?.get(DataSource).query('DELETE FROM admin_user');
    await app?.close();
    await sandbox?.close();
    process.env.ADMIN_INITIAL_PASSWORD = seededPassword;
    delete process.env.WECOM_BASE_URL;
    resetEnvCache();
  });

  it('a fresh installation needs setup; the first admin is created once, then 409', async () => {
    expect((await request(url).get('/api/setup/status').expect(200)).body).toEqual({
      hasAdmin: false,
      hasCorp: false,
      needsSetup: true,
    });
    const bad = await request(url)
      .post('/api/setup/admin')
      .send({ username: 'a', password: 'short' })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['password', 'username']);
    const created = await request(url)
      .post('/api/setup/admin')
      .send({ username: 'boss', displayName: '王老板', password: 'first-admin-2026' })
      .expect(201);
    expect(created.body.user).toMatchObject({ username: 'boss', role: 'admin' });
    token = created.body.accessToken;
    const again = await request(url)
      .post('/api/setup/admin')
      .send({ username: 'intruder', password: 'another-password' })
      .expect(409);
    expect(again.body.code).toBe('SETUP_ALREADY_DONE');
    expect((await request(url).get('/api/setup/status').expect(200)).body).toMatchObject({
      hasAdmin: true,
      hasCorp: false,
      needsSetup: true,
    });
  });

  it('setup routes other than status and the first admin need an admin', async () => {
    await request(url).post('/api/setup/corps').send({}).expect(401);
    await request(url).post(`/api/setup/corps/${sandbox.corp.corpId}/check`).expect(401);
  });

  it('a wrong CorpID: 40013 and the secrets are not checked', async () => {
    await request(url)
      .post('/api/setup/corps')
      .set(auth())
      .send({ corpId: 'wwnosuchcorp01', name: '错的企业', agentId: 1000002, agentSecret: 'x' })
      .expect(201);
    const report = await check('wwnosuchcorp01');
    expect(report.ok).toBe(false);
    expect(byKey(report, 'corpId')).toMatchObject({ status: 'failed', errcode: 40013 });
    expect(byKey(report, 'corpId').zh).toContain('我的企业 → 企业信息');
    expect(byKey(report, 'agentSecret').status).toBe('skipped');
  });

  it('registers the corp with a generated Token and EncodingAESKey; a wrong Secret is 40001 with where to fix it', async () => {
    const c = sandbox.corp;
    const res = await request(url)
      .post('/api/setup/corps')
      .set(auth())
      .send({
        corpId: c.corpId,
        name: c.corpName,
        agentId: c.agent.agentId,
        agentSecret: 'not-the-secret',
        contactSecret: c.contactSecret,
      })
      .expect(201);
    expect(res.body.corp.credentials).toMatchObject({ agentSecret: true, callbackToken: true });
    expect(JSON.stringify(res.body.corp)).not.toContain('not-the-secret');
    expect(res.body.callback).toEqual({
      url: `${process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000'}/wecom/callback/${c.corpId}`,
      token: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      encodingAESKey: expect.stringMatching(/^[A-Za-z0-9]{43}$/),
      verifiedAt: null,
    });
    const report = await check(c.corpId);
    expect(byKey(report, 'corpId').status).toBe('ok');
    expect(byKey(report, 'agentSecret')).toMatchObject({ status: 'failed', errcode: 40001 });
    expect(byKey(report, 'agentSecret').zh).toContain('应用管理 → 自建应用');
    expect(byKey(report, 'contactSecret').status).toBe('ok');
    expect(byKey(report, 'addressBookSecret').status).toBe('skipped');
    expect(byKey(report, 'customerContact').status).toBe('skipped');
    await request(url)
      .patch(`/api/admin/corps/${c.corpId}`)
      .set(auth())
      .send({ agentSecret: c.agent.secret })
      .expect(200);
    expect(byKey(await check(c.corpId), 'agentSecret').status).toBe('ok');
  });

  it("an untrusted IP: 60020 with the egress IP from WeCom's errmsg", async () => {
    await act('config', { trustedIps: ['203.0.113.7'] });
    const report = await check(sandbox.corp.corpId);
    expect(report.egressIp).toBe('127.0.0.1');
    expect(byKey(report, 'trustedIp')).toMatchObject({ status: 'failed', errcode: 60020 });
    expect(byKey(report, 'trustedIp').zh).toContain('企业可信IP');
    expect(byKey(report, 'trustedIp').zh).toContain('127.0.0.1');
    await act('config', { trustedIps: null });
  });

  it('an app without customer-contact permission (48002), then with an empty visible range', async () => {
    await act('config', { appCustomerContact: false });
    let cc = byKey(await check(sandbox.corp.corpId), 'customerContact');
    expect(cc).toMatchObject({ status: 'failed', errcode: 48002 });
    expect(cc.zh).toContain('可调用接口的应用');
    await act('config', { appCustomerContact: true, appVisibleUserIds: [] });
    cc = byKey(await check(sandbox.corp.corpId), 'customerContact');
    expect(cc).toMatchObject({ status: 'failed', errcode: null });
    expect(cc.zh).toContain('可见范围');
    await act('config', { appVisibleUserIds: null });
    const report = await check(sandbox.corp.corpId);
    expect(report.followUsers).toBe(
      sandbox.state.userList.filter((u) => u.customerContact && sandbox.state.isActive(u)).length,
    );
    expect(byKey(report, 'customerContact').status).toBe('ok');
  });

  it('waits for the callback URL verification; when WeCom never sends it the check stays pending', async () => {
    const callback = (
      await request(url).get(`/api/setup/corps/${sandbox.corp.corpId}/callback`).set(auth())
    ).body;
    const settings = {
      url: `${url}/wecom/callback/${sandbox.corp.corpId}`,
      token: callback.token,
      encodingAESKey: callback.encodingAESKey,
    };
    await act('config', { callbackVerification: 'never' });
    expect(await act('callback/settings', settings)).toMatchObject({ saved: false });
    let report = await check(sandbox.corp.corpId);
    expect(byKey(report, 'callback')).toMatchObject({ status: 'pending' });
    expect(byKey(report, 'callback').zh).toContain('接收消息 → 设置API接收');
    expect(report.ok).toBe(false);

    await act('config', { callbackVerification: 'send' });
    const saved = await act('callback/settings', settings);
    expect(saved).toMatchObject({ saved: true, verify: { ok: true } });
    report = await check(sandbox.corp.corpId);
    expect(byKey(report, 'callback').status).toBe('ok');
    expect(report.callbackVerifiedAt).toEqual(expect.any(String));
    expect(report.ok).toBe(true);
    expect((await request(url).get('/api/setup/status').expect(200)).body.needsSetup).toBe(false);
  });

  it('new callback keys clear the verification until WeCom verifies again', async () => {
    const res = await request(url)
      .post(`/api/setup/corps/${sandbox.corp.corpId}/callback/regenerate`)
      .set(auth())
      .expect(201);
    expect(res.body.verifiedAt).toBeNull();
    await act('callback/settings', {
      url: `${url}/wecom/callback/${sandbox.corp.corpId}`,
      token: res.body.token,
      encodingAESKey: res.body.encodingAESKey,
    });
    expect(byKey(await check(sandbox.corp.corpId), 'callback').status).toBe('ok');
  });

  it('the first sync reports each phase with done/total and finishes', async () => {
    const corpId = sandbox.corp.corpId;
    await request(url).post(`/api/admin/sync/${corpId}`).set(auth()).expect(202);
    const run = await waitFor(
      'the first sync to finish',
      async () => {
        const [latest] = (await request(url).get(`/api/admin/sync/${corpId}`).set(auth())).body;
        return latest?.status === 'done' ? latest : undefined;
      },
      120_000,
    );
    expect(run.phases.map((p: Json) => p.phase)).toEqual([
      'departments',
      'staff',
      'tags',
      'customers',
      'groups',
      'reconcile',
    ]);
    expect(run.phases.every((p: Json) => p.state === 'done' && p.done === p.total)).toBe(true);
    const staff = run.phases.find((p: Json) => p.phase === 'staff');
    expect(staff.total).toBe(sandbox.state.userList.length);
    expect(run.errorSentence).toBeNull();
  });

  it('a sync that WeCom refuses ends failed with a sentence', async () => {
    const corpId = sandbox.corp.corpId;
    await act('secrets/contact/reset');
    await request(url).post(`/api/admin/sync/${corpId}`).set(auth()).expect(202);
    const run = await waitFor(
      'the sync to fail',
      async () => {
        const [latest] = (await request(url).get(`/api/admin/sync/${corpId}`).set(auth())).body;
        return latest?.status === 'failed' ? latest : undefined;
      },
      120_000,
    );
    expect(run.phases.some((p: Json) => p.state === 'failed')).toBe(true);
    expect(run.errorSentence.zh).toContain('40001');
  });
});
