import request from 'supertest';
import { spawnServerProcess, SpawnedProcess, waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

const until = (what: string, check: () => Promise<unknown>, ms = 60_000) =>
  waitFor(what, async () => ((await check()) ? true : undefined), ms);

/**
 * A worker SIGKILLed mid-transfer: with the plan stored and the first call out (it never reaches
 * WeCom), and between two batches (WeCom took the second, the answer is lost). After a restart
 * every customer was sent to WeCom exactly once (the sandbox counts the transfer calls that name
 * each customer) and none is forgotten.
 */
describe('inheritance survives a SIGKILLed worker', () => {
  let stack: SandboxStack;
  let worker: SpawnedProcess | null = null;
  const saved = { ...process.env };
  const corpId = () => stack.sandbox.corp.corpId;
  const api = () => request(stack.url);
  const sb = () => request(stack.sandbox.url);
  const calls = async () => (await sb().get('/sandbox/transfers/calls').expect(200)).body;
  const startWorker = () =>
    (worker = spawnServerProcess('worker.js', { ...process.env, APP_MODE: 'worker' }));
  const states = async (id: string) => {
    const rows: Array<{ state: string; n: number }> = await stack.db.query(
      'SELECT state, COUNT(*) AS n FROM transfer_item WHERE transfer_id = ? GROUP BY state',
      [id],
    );
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  };

  /** A guide with `n` customers who then leaves; WeCom's unassigned list read by the API. */
  async function departingGuide(userid: string, n: number): Promise<string[]> {
    await stack.act('/users', { userid, name: userid, department: [1], customerContact: true });
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (await stack.act('/customers/add-staff', { userId: userid, customer: { name: `c${i}` } }))
          .externalUserId,
      );
    await stack.act(`/users/${userid}/leave`, {});
    await api()
      .post(`/api/admin/transfers/departures/refresh?corpId=${corpId()}`)
      .set(stack.auth())
      .expect(200);
    return ids;
  }

  const start = async (handoverUserId: string) =>
    (
      await api()
        .post('/api/admin/transfers')
        .set(stack.auth())
        .send({
          corpId: corpId(),
          kind: 'resigned',
          handoverUserId,
          split: 'single',
          takeoverUserId: 'heir',
          includeGroups: false,
        })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    Object.assign(process.env, {
      TRANSFER_SEND_LEASE_MS: '1000',
      TRANSFER_POLL_MIN_MS: '60000',
      JOB_LOCK_MS: '2000',
    });
    // the API only: the transfers are sent by worker processes this test starts and kills
    stack = await startSandboxStack({ withWorker: false, sandbox: { seed: { customers: 0 } } });
    await stack.act('/users', {
      userid: 'heir',
      name: '接替人',
      department: [1],
      customerContact: true,
    });
    for (const u of stack.sandbox.state.userList)
      await stack.db.query(
        `INSERT INTO staff (corp_id, user_id, name, department_ids, wecom_status, customer_contact)
         VALUES (?, ?, ?, ?, 1, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)`,
        [corpId(), u.userid, u.name, JSON.stringify(u.department), u.customerContact ? 1 : 0],
      );
  }, 120_000);

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await stack?.close();
    process.env = saved;
  });

  it('killed with the plan stored and its first call out: resent once, nothing lost', async () => {
    const customers = await departingGuide('leaver_a', 250);
    await sb().post('/sandbox/transfers/hold').send({ pass: 0, hold: 1 }).expect(200);
    const id = await start('leaver_a');
    expect(await states(id)).toEqual({ planned: 250 }); // stored before any WeCom call
    startWorker();
    await until('the first call to be out', async () => (await calls()).held === 1);
    await worker!.stop('SIGKILL');
    await sb().post('/sandbox/transfers/release').send({ apply: false }).expect(200);
    expect(await states(id)).toMatchObject({ sent: 100, planned: 150 });

    startWorker();
    await until(
      'every customer to wait for takeover',
      async () => (await states(id)).waiting === 250,
    );
    const c = await calls();
    for (const x of customers) expect(c.perCustomer[x]).toBe(1);
    expect(c.perApi['resigned/transfer_customer']).toBe(3);
  });

  it('killed between two batches (WeCom took the second): reconciled, not sent twice', async () => {
    const customers = await departingGuide('leaver_b', 250);
    const before = (await calls()).perApi['resigned/transfer_customer'];
    await sb().post('/sandbox/transfers/hold').send({ pass: 1, hold: 1 }).expect(200);
    const id = await start('leaver_b');
    await until('the second call to be out', async () => (await calls()).held === 1);
    await worker!.stop('SIGKILL');
    // WeCom applies the held call; the dead worker never learns
    await sb().post('/sandbox/transfers/release').send({ apply: true }).expect(200);
    expect(await states(id)).toMatchObject({ waiting: 100, sent: 100, planned: 50 });

    startWorker();
    await until(
      'every customer to wait for takeover',
      async () => (await states(id)).waiting === 250,
    );
    const c = await calls();
    for (const x of customers) expect(c.perCustomer[x]).toBe(1);
    expect(c.perApi['resigned/transfer_customer'] - before).toBe(3);
    expect(c.perApi['resigned/transfer_result']).toBeGreaterThanOrEqual(1);
  });
});
