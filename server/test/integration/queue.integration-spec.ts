import { ApiAndWorker, startApiAndWorker } from '../support/api-and-worker';

/**
 * A job enqueued by the API process is run by a separate worker process; a failing job is
 * retried with exponential backoff, then kept as failed and can be replayed.
 */
describe('queue: API process -> worker process', () => {
  let stack: ApiAndWorker;

  beforeAll(async () => {
    stack = await startApiAndWorker();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs the job in the worker process, not in the API process', async () => {
    const done = await stack.waitForJob(await stack.startSelfTest(), 'completed');
    expect(done.returnValue?.processedBy.pid).toBe(stack.worker.child.pid);
    expect(done.returnValue?.processedBy.pid).not.toBe(process.pid);
    expect(done.attemptsMade).toBe(0);
  });

  it('retries a failing job with growing delays, keeps it as failed, and replays it', async () => {
    const attempts = Number(process.env.JOB_ATTEMPTS);
    const id = await stack.startSelfTest({ failAttempts: attempts });
    const failed = await stack.waitForJob(id, 'failed');
    expect(failed.attemptsMade).toBe(attempts);
    expect(failed.failedReason).toMatch(/attempt 3 failed on purpose/);

    // the worker logged each attempt of this job; delays doubled between them
    const attemptLines = stack.worker
      .output()
      .split('\n')
      .filter((l) => l.includes('self-test attempt failing on purpose'))
      .map((l) => JSON.parse(l) as { time: number; jobId: string; requestId?: string })
      .filter((l) => l.jobId === id);
    expect(attemptLines).toHaveLength(attempts);
    // with the job's correlation id (a CI run once missed the first attempt when the lines were
    // picked by it: picked by jobId now, the id checked on every line that has one)
    expect(attemptLines.at(-1)!.requestId).toBe(`job:system:${id}`);
    for (const l of attemptLines)
      if (l.requestId !== undefined) expect(l.requestId).toBe(`job:system:${id}`);
    const gaps = attemptLines.slice(1).map((l, i) => l.time - attemptLines[i].time);
    const backoff = Number(process.env.JOB_BACKOFF_MS);
    expect(gaps[0]).toBeGreaterThanOrEqual(backoff);
    expect(gaps[1]).toBeGreaterThanOrEqual(backoff * 2);

    const listed = await stack.get('/api/admin/jobs/system?state=failed').expect(200);
    expect(listed.body.map((j: { id: string }) => j.id)).toContain(id);

    // replay: the job runs again; the on-purpose failures are behind it, so this time it completes
    await stack.post(`/api/admin/jobs/system/${id}/retry`).expect(201);
    const replayed = await stack.waitForJob(id, 'completed');
    expect(replayed.returnValue?.processedBy.pid).toBe(stack.worker.child.pid);
  });

  it('refuses a job id for an unknown queue with 400 naming the field', async () => {
    const res = await stack.get('/api/admin/jobs/nope/1').expect(400);
    expect(res.body.errors).toHaveProperty('queue');
  });
});
