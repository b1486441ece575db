import { momentApis } from '../../../wecom-sandbox/src/api/moments';
import type { RunningSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { TagService } from '../../src/tags/tag.service';
import { CallCounter, CrashableWorker } from '../support/crashable-worker';
import { waitFor } from '../support/processes';
import { mirrorSandboxStaff, SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * A moment (客户朋友圈) goes out once whatever happens to the worker, a real child process:
 * SIGKILLed between scheduling and the scheduled time (the delayed job waits in Redis for the
 * next worker), and SIGKILLed in the middle of the fan-out, right after WeCom created the task
 * but before the worker read the jobid (the next worker finds the moment in get_moment_list
 * instead of creating it again). Counted at the sandbox: the add_moment_task calls.
 */
describe('moments survive a worker SIGKILL', () => {
  const saved = { ...process.env };
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  let counter: CallCounter;
  const worker = new CrashableWorker();
  const api = () => request(stack.url);
  const corpId = () => sandbox.corp.corpId;
  const withText = (text: string) =>
    sandbox.state.momentList.filter((m) => m.text?.content === text);

  const state = async (id: string) =>
    (await api().get(`/api/admin/moments/${id}?corpId=${corpId()}`).set(stack.auth())).body;
  const waitState = (id: string, want: string, timeoutMs = 90_000) =>
    waitFor(
      `moment ${id} ${want}`,
      async () => {
        const m = await state(id);
        return m.state === want ? m : undefined;
      },
      timeoutMs,
    );

  beforeAll(async () => {
    process.env.JOB_LOCK_MS = '3000';
    process.env.WECOM_HTTP_TIMEOUT_MS = '1000';
    stack = await startSandboxStack({ withWorker: false });
    sandbox = stack.sandbox;
    await mirrorSandboxStaff(stack);
    await stack.app.get(TagService).refreshAll(corpId());
    counter = new CallCounter(momentApis, 'externalcontact/add_moment_task', worker);
    worker.start();
  });

  afterAll(async () => {
    counter?.restore();
    await worker.stop();
    await stack?.close();
    process.env = saved;
  });

  it('killed between scheduling and the time: the next worker creates it once, on time', async () => {
    const text = '周末闪购（定时，进程被杀）';
    const at = new Date(Date.now() + 5000);
    const res = await api()
      .post('/api/admin/moments')
      .set(stack.auth())
      .send({
        corpId: corpId(),
        text,
        visible: { userIds: ['zhangwei'] },
        scheduledAt: at.toISOString(),
      })
      .expect(201);
    const before = counter.calls;
    await new Promise((r) => setTimeout(r, 1000));
    await worker.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now() + 1500)));
    expect(counter.calls).toBe(before); // no worker, nothing created
    expect((await state(res.body.id)).state).toBe('scheduled');
    worker.start();
    const created = await waitState(res.body.id, 'created');
    expect(counter.calls - before).toBe(1);
    expect(withText(text)).toHaveLength(1);
    expect(created.momentId).toBe(withText(text)[0].moment_id);
  });

  it('killed right after add_moment_task, before reading the jobid: reconciled, not created twice', async () => {
    const text = '双十一预热（创建后进程被杀）';
    const before = counter.calls;
    counter.killAfter(before + 1);
    const res = await api()
      .post('/api/admin/moments')
      .set(stack.auth())
      .send({ corpId: corpId(), text, visible: { userIds: ['lina'] } })
      .expect(201);
    await worker.waitExited();
    counter.killAfter(0);
    expect(counter.calls).toBe(before + 1);
    expect(withText(text)).toHaveLength(1); // WeCom has it; the SCRM does not know its id
    expect((await state(res.body.id)).state).toBe('creating');
    worker.start();
    const created = await waitState(res.body.id, 'created');
    expect(counter.calls - before).toBe(1);
    expect(withText(text)).toHaveLength(1);
    expect(created.momentId).toBe(withText(text)[0].moment_id);
  });
});
