import { groupMsgApis } from '../../../wecom-sandbox/src/api/groupmsgs';
import type { RunningSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { CallCounter, CrashableWorker } from '../support/crashable-worker';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * A broadcast goes out once whatever happens to the worker: SIGKILLed between scheduling and the
 * scheduled time (the delayed job waits in Redis for the next worker), and SIGKILLed in the middle
 * of the fan-out, right after WeCom created a task but before the worker read the answer (the next
 * worker matches that task back instead of creating it again). Counted at the sandbox: the
 * add_msg_template calls that created a message, and every recipient.
 */
describe('broadcasts survive a worker SIGKILL', () => {
  const saved = { ...process.env };
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  const worker = new CrashableWorker();
  let counter: CallCounter;
  const api = () => request(stack.url);
  const corpId = () => sandbox.corp.corpId;

  beforeAll(async () => {
    process.env.JOB_LOCK_MS = '3000';
    process.env.WECOM_HTTP_TIMEOUT_MS = '1000';
    process.env.BROADCAST_POLL_INITIAL_MS = '60000';
    stack = await startSandboxStack({ withWorker: false, sandbox: { seed: { customers: 300 } } });
    sandbox = stack.sandbox;
    // counts the calls that create a message; can kill the worker right after WeCom created it
    counter = new CallCounter(groupMsgApis, 'externalcontact/add_msg_template', worker);
    worker.start();
    await api().post(`/api/admin/sync/${corpId()}`).set(stack.auth()).expect(202);
    await waitFor(
      'the full sync',
      async () => {
        const runs = (await api().get(`/api/admin/sync/${corpId()}`).set(stack.auth())).body;
        return runs[0] && runs[0].status !== 'running' ? runs[0] : undefined;
      },
      120_000,
    );
  });

  afterAll(async () => {
    counter?.restore();
    await worker.stop();
    await stack?.close();
    process.env = saved;
  });

  const create = async (title: string, scheduledAt?: Date) =>
    (
      await api()
        .post('/api/admin/broadcasts')
        .set(stack.auth())
        .send({
          corpId: corpId(),
          kind: 'customers',
          title,
          audience: { type: 'filter', filter: {} },
          text: title,
          scheduledAt: scheduledAt?.toISOString(),
        })
        .expect(201)
    ).body;

  const state = async (id: string) =>
    (await api().get(`/api/admin/broadcasts/${id}?corpId=${corpId()}`).set(stack.auth())).body;

  /** Every message of the broadcast at the sandbox: none twice, each customer once. */
  const delivered = (title: string) => {
    const msgs = sandbox.state.groupMsgList.filter((m) => m.text?.content === title);
    const ids = msgs.flatMap((m) => m.recipients.map((r) => r.external_userid!));
    return { msgs: msgs.length, recipients: ids.length, distinct: new Set(ids).size };
  };

  it('killed between scheduling and the time: the next worker sends it once, on time', async () => {
    const at = new Date(Date.now() + 5000);
    const b = await create('定时群发-重启', at);
    const before = counter.calls;
    await new Promise((r) => setTimeout(r, 1000));
    await worker.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now() + 1000)));
    expect(counter.calls).toBe(before); // no worker, nothing sent
    expect((await state(b.id)).state).toBe('scheduled');
    worker.start();
    const sent = await waitFor(
      'the broadcast to be sent after the restart',
      async () => ((await state(b.id)).state === 'sent' ? state(b.id) : undefined),
      60_000,
    );
    const d = delivered('定时群发-重启');
    expect(d).toEqual({
      msgs: sent.taskCount,
      recipients: sent.plannedCount,
      distinct: sent.plannedCount,
    });
    expect(counter.calls - before).toBe(sent.taskCount);
    expect(sent.plannedCount).toBeGreaterThan(250);
  });

  it('killed mid fan-out, after WeCom created a task: no task twice, every customer once', async () => {
    const before = counter.calls;
    counter.killAfter(before + 5);
    const b = await create('群发-中途被杀');
    await worker.waitExited();
    expect(counter.calls).toBe(before + 5);
    expect((await state(b.id)).state).toBe('dispatching');
    counter.killAfter(0);
    worker.start();
    const sent = await waitFor(
      'the fan-out to finish after the restart',
      async () => ((await state(b.id)).state === 'sent' ? state(b.id) : undefined),
      90_000,
    );
    expect(sent.taskCount).toBeGreaterThan(5);
    const d = delivered('群发-中途被杀');
    expect(counter.calls - before).toBe(sent.taskCount); // the lost call was matched back, not repeated
    expect(d).toEqual({
      msgs: sent.taskCount,
      recipients: sent.plannedCount,
      distinct: sent.plannedCount,
    });
    const tasks = await stack.db.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT msgid) AS m FROM broadcast_task WHERE broadcast_id = ?',
      [b.id],
    );
    expect(Number(tasks[0].n)).toBe(sent.taskCount);
    expect(Number(tasks[0].m)).toBe(sent.taskCount);
  });
});
