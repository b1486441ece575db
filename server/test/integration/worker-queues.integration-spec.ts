import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { spawnServerProcess, SpawnedProcess, waitFor } from '../support/processes';
import { createTestApp } from '../support/test-app';

/** WORKER_QUEUES: a worker consumes only its queues; jobs of other queues wait for their worker. */
describe('worker queue selection', () => {
  let api: INestApplication;
  const workers: SpawnedProcess[] = [];
  let token: string;

  const job = async (id: string) =>
    (
      await request(api.getHttpServer())
        .get(`/api/admin/jobs/system/${id}`)
        .set('Authorization', `Bearer ${token}`)
    ).body;

  beforeAll(async () => {
    api = await createTestApp({ withWorker: false });
    token = (
      await request(api.getHttpServer())
        .post('/api/auth/login')
        .send({
          username: process.env.ADMIN_INITIAL_USERNAME,
          password: process.env.ADMIN_INITIAL_PASSWORD,
        })
        .expect(200)
    ).body.accessToken;
  });

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await api?.close();
  });

  it('leaves a system job to the worker that consumes the system queue', async () => {
    // one job waits before the fast lane boots (it must not take it while starting), one after
    const early = await request(api.getHttpServer())
      .post('/api/admin/jobs/self-test')
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(201);
    const fastLane = spawnServerProcess('worker.js', {
      ...process.env,
      APP_MODE: 'worker',
      WORKER_QUEUES: 'welcome,callback-events',
      LOG_LEVEL: 'info',
    });
    workers.push(fastLane);
    await waitFor('the fast-lane worker to start', async () =>
      fastLane.output().includes('worker consumes these queues') ? true : undefined,
    );
    const started = await request(api.getHttpServer())
      .post('/api/admin/jobs/self-test')
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(201);
    await new Promise((r) => setTimeout(r, 2000));
    expect((await job(early.body.id)).state).toBe('waiting');
    expect((await job(started.body.id)).state).toBe('waiting');

    const system = spawnServerProcess('worker.js', {
      ...process.env,
      APP_MODE: 'worker',
      WORKER_QUEUES: 'system',
    });
    workers.push(system);
    const done = await waitFor('the system worker to run the job', async () => {
      const view = await job(started.body.id);
      return view.state === 'completed' ? view : undefined;
    });
    expect(done.returnValue.processedBy.pid).toBe(system.child.pid);
    const earlyDone = await waitFor('the system worker to run the early job', async () => {
      const view = await job(early.body.id);
      return view.state === 'completed' ? view : undefined;
    });
    expect(earlyDone.returnValue.processedBy.pid).toBe(system.child.pid);
  });

  it('refuses to boot a worker with an unknown queue name', async () => {
    const bad = spawnServerProcess('worker.js', {
      ...process.env,
      APP_MODE: 'worker',
      WORKER_QUEUES: 'welcom',
    });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/WORKER_QUEUES names unknown queues: welcom/);
  });
});
