import { INestApplication } from '@nestjs/common';
import { RunningSandbox, startSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/processes';
import { createTestApp } from '../support/test-app';

/** Registering a corp starts its first full sync: the console shows staff at once. */
describe('first full sync when a corp is registered', () => {
  let app: INestApplication;
  let sandbox: RunningSandbox;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    sandbox = await startSandbox({ port: 0, callbackUrl: `${url}/wecom/callback/{corpId}` });
    process.env.WECOM_BASE_URL = sandbox.url;
    process.env.SYNC_ON_CORP_CREATE = 'true';
    app = await createTestApp({ withWorker: true });
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    delete process.env.WECOM_BASE_URL;
    process.env.SYNC_ON_CORP_CREATE = 'false';
  });

  it('syncs the sandbox corp without anyone asking', async () => {
    const token = (
      await request(url)
        .post('/api/auth/login')
        .send({
          username: process.env.ADMIN_INITIAL_USERNAME,
          password: process.env.ADMIN_INITIAL_PASSWORD,
        })
        .expect(200)
    ).body.accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const c = sandbox.corp;
    await request(url)
      .post('/api/admin/corps')
      .set(auth)
      .send({
        corpId: c.corpId,
        name: c.corpName,
        agentId: c.agent.agentId,
        agentSecret: c.agent.secret,
        contactSecret: c.contactSecret,
        addressBookSecret: c.addressBookSecret,
        callbackToken: c.callback.token,
        encodingAESKey: c.callback.encodingAESKey,
      })
      .expect(201);
    const run = await waitFor(
      'the first sync to finish',
      async () => {
        const runs = (await request(url).get(`/api/admin/sync/${c.corpId}`).set(auth).expect(200))
          .body;
        return runs[0]?.status === 'done' ? runs[0] : undefined;
      },
      120_000,
    );
    expect(run.phase).toBe('done');
    const staff: { userId: string }[] = (
      await request(url).get(`/api/admin/staff?corpId=${c.corpId}`).set(auth).expect(200)
    ).body;
    expect(staff.map((s) => s.userId).sort()).toEqual(
      sandbox.state.userList.map((u) => u.userid).sort(),
    );
  });
});
