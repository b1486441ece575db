import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/test-app';
import { spawnServerProcess, SpawnedProcess, waitFor } from '../support/processes';

/**
 * A job enqueued by the API process is run by a separate worker process; a failing job is
 * retried with exponential backoff, then kept as failed and can be replayed.
 */
describe('queue: API process -> worker process', () => {
  let api: INestApplication;
  let worker: SpawnedProcess;
  let token: string;

  const job = async (id: string) =>
    (
      await request(api.getHttpServer())
        .get(`/api/admin/jobs/system/${id}`)
        .set('Authorization', `Bearer ${token}`)
    ).body;

  beforeAll(async () => {
    api = await createTestApp({ withWorker: false });
    worker = spawnServerProcess('worker.js', { ...process.env, APP_MODE: 'worker' });
    const login = await request(api.getHttpServer())
      .post('/api/auth/login')
      .send({
        username: process.env.ADMIN_INITIAL_USERNAME,
        password: process.env.ADMIN_INITIAL_PASSWORD,
      })
      .expect(200);
    token = login.body.accessToken;
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it('runs the job in the worker process, not in the API process', async () => {
    const started = await request(api.getHttpServer())
      .post('/api/admin/jobs/self-test')
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(201);
    const done = await waitFor('the self-test job to complete', async () => {
      const view = await job(started.body.id);
      return view.state === 'completed' ? view : undefined;
    });
    expect(done.returnValue.processedBy.pid).toBe(worker.child.pid);
    expect(done.returnValue.processedBy.pid).not.toBe(process.pid);
    expect(done.attemptsMade).toBe(0);
  });

  it('retries a failing job with growing delays, keeps it as failed, and replays it', async () => {
    const attempts = Number(process.env.JOB_ATTEMPTS);
    const started = await request(api.getHttpServer())
      .post('/api/admin/jobs/self-test')
      .set('Authorization', `Bearer ${token}`)
      .send({ failAttempts: attempts })
      .expect(201);
    const failed = await waitFor('the self-test job to fail for good', async () => {
      const view = await job(started.body.id);
      return view.state === 'failed' ? view : undefined;
    });
    expect(failed.attemptsMade).toBe(attempts);
    expect(failed.failedReason).toMatch(/attempt 3 failed on purpose/);

    // the worker logged each attempt with the job's correlation id; delays doubled between them
    const attemptLines = worker
      .output()
      .split('\n')
      .filter(
        (l) =>
          l.includes('self-test attempt failing on purpose') &&
          l.includes(`job:system:${started.body.id}`),
      )
      .map((l) => JSON.parse(l) as { time: number });
    expect(attemptLines).toHaveLength(attempts);
    const gaps = attemptLines.slice(1).map((l, i) => l.time - attemptLines[i].time);
    const backoff = Number(process.env.JOB_BACKOFF_MS);
    expect(gaps[0]).toBeGreaterThanOrEqual(backoff);
    expect(gaps[1]).toBeGreaterThanOrEqual(backoff * 2);

    const listed = await request(api.getHttpServer())
      .get('/api/admin/jobs/system?state=failed')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(listed.body.map((j: { id: string }) => j.id)).toContain(started.body.id);

    // replay: the job runs again; the on-purpose failures are behind it, so this time it completes
    await request(api.getHttpServer())
      .post(`/api/admin/jobs/system/${started.body.id}/retry`)
      .set('Authorization', `Bearer ${token}`)
      .expect(201);
    const replayed = await waitFor('the replayed job to complete', async () => {
      const view = await job(started.body.id);
      return view.state === 'completed' ? view : undefined;
    });
    expect(replayed.returnValue.processedBy.pid).toBe(worker.child.pid);
  });

  it('refuses a job id for an unknown queue with 400 naming the field', async () => {
    const res = await request(api.getHttpServer())
      .get('/api/admin/jobs/nope/1')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect(res.body.errors).toHaveProperty('queue');
  });
});
