import { INestApplication } from '@nestjs/common';
import { RunningSandbox, SandboxOptions, startSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { freePort } from './free-port';
import { createTestApp } from './test-app';

/** Signs in as the seeded admin; returns the bearer token. */
export async function loginAsAdmin(url: string): Promise<string> {
  const res = await request(url)
    .post('/api/auth/login')
    .send({
      username: process.env.ADMIN_INITIAL_USERNAME,
      password: process.env.ADMIN_INITIAL_PASSWORD,
    })
    .expect(200);
  return res.body.accessToken;
}

export interface CorpRegistration {
  corpId: string;
  name: string;
  agentId: number;
  agentSecret: string;
  contactSecret?: string;
  addressBookSecret?: string;
  callbackToken: string;
  encodingAESKey: string;
}

/** Registers a corp through the admin API, as an admin does in Settings. */
export async function registerCorp(
  url: string,
  token: string,
  corp: CorpRegistration,
): Promise<void> {
  await request(url)
    .post('/api/admin/corps')
    .set('Authorization', `Bearer ${token}`)
    .send(corp)
    .expect(201);
}

/** The WeCom sandbox, the real app (API + worker) pointed at it, and the sandbox's corp registered. */
export interface SandboxStack {
  app: INestApplication;
  url: string;
  db: DataSource;
  sandbox: RunningSandbox;
  token: string;
  auth: () => { Authorization: string };
  /** Acts out a person in WeCom: `POST {sandbox}/sandbox{path}`. */
  act: (path: string, body: Record<string, unknown>) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Registers the sandbox's demo corp (done by startSandboxStack unless `registerCorp: false`). */
  registerSandboxCorp: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startSandboxStack(
  options: { sandbox?: SandboxOptions; withWorker?: boolean; registerCorp?: boolean } = {},
): Promise<SandboxStack> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = await startSandbox({
    port: 0,
    ...options.sandbox,
    callbackUrl: `${url}/wecom/callback/{corpId}`,
  });
  process.env.WECOM_BASE_URL = sandbox.url;
  process.env.WECOM_LOGIN_BASE_URL = sandbox.url; // the sandbox acts out WeCom's web login too
  const app = await createTestApp({ withWorker: options.withWorker ?? true });
  await app.listen(port, '127.0.0.1');
  const token = await loginAsAdmin(url);
  const c = sandbox.corp;
  const stack: SandboxStack = {
    app,
    url,
    db: app.get(DataSource),
    sandbox,
    token,
    auth: () => ({ Authorization: `Bearer ${token}` }),
    act: async (path, body) =>
      (await request(sandbox.url).post(`/sandbox${path}`).send(body).expect(200)).body,
    registerSandboxCorp: () =>
      registerCorp(url, token, {
        corpId: c.corpId,
        name: c.corpName,
        agentId: c.agent.agentId,
        agentSecret: c.agent.secret,
        contactSecret: c.contactSecret,
        addressBookSecret: c.addressBookSecret,
        callbackToken: c.callback.token,
        encodingAESKey: c.callback.encodingAESKey,
      }),
    close: async () => {
      await sandbox.close();
      await app.close();
      delete process.env.WECOM_BASE_URL;
    },
  };
  if (options.registerCorp !== false) await stack.registerSandboxCorp();
  return stack;
}

/** The sandbox's members as the mirror's staff rows (what a full sync would write), without a sync. */
export async function mirrorSandboxStaff(stack: SandboxStack): Promise<void> {
  const corpId = stack.sandbox.corp.corpId;
  for (const u of stack.sandbox.state.userList)
    await stack.db.query(
      `INSERT INTO staff (corp_id, user_id, name, department_ids, wecom_status, customer_contact)
       VALUES (?, ?, ?, ?, 1, ?)`,
      [corpId, u.userid, u.name, JSON.stringify(u.department), u.customerContact ? 1 : 0],
    );
}
