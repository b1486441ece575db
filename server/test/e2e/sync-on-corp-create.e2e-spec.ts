import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/** Registering a corp starts its first full sync: the console shows staff at once. */
describe('first full sync when a corp is registered', () => {
  let stack: SandboxStack;

  beforeAll(async () => {
    process.env.SYNC_ON_CORP_CREATE = 'true';
    stack = await startSandboxStack({ registerCorp: false });
  });

  afterAll(async () => {
    await stack?.close();
    process.env.SYNC_ON_CORP_CREATE = 'false';
  });

  it('refuses to start a sync of a corp that is not configured (404, no run queued)', async () => {
    const res = await request(stack.url)
      .post('/api/admin/sync/wwnotconfigured01')
      .set(stack.auth())
      .expect(404);
    expect(res.body.code).toBe('CORP_NOT_FOUND');
    const runs = await request(stack.url)
      .get('/api/admin/sync/wwnotconfigured01')
      .set(stack.auth())
      .expect(200);
    expect(runs.body).toEqual([]);
  });

  it('syncs the sandbox corp without anyone asking', async () => {
    const { url, sandbox } = stack;
    const auth = stack.auth();
    const c = sandbox.corp;
    await stack.registerSandboxCorp();
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
