import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { spawnServerProcess, SpawnedProcess, waitFor } from './processes';
import { createTestApp } from './test-app';

/** A job as `GET /api/admin/jobs/:queue/:id` shows it. */
export interface JobView {
  id: string;
  state: string;
  attemptsMade: number;
  failedReason?: string;
  returnValue?: { processedBy: { pid: number } };
}

/**
 * The API in this process (no worker of its own) and a worker in a child process, on the
 * environment as it is (a single Redis, or a cluster set in REDIS_CLUSTER_NODES before), with
 * the seeded admin signed in: a job enqueued by the API is run by the worker.
 */
export interface ApiAndWorker {
  api: INestApplication;
  worker: SpawnedProcess;
  token: string;
  /** An admin request to the API. */
  get(path: string): request.Test;
  post(path: string): request.Test;
  /** `POST /api/admin/jobs/self-test`: the job's id. */
  startSelfTest(body?: { failAttempts?: number }): Promise<string>;
  job(id: string, queue?: string): Promise<JobView>;
  /** Waits until the job is in `state` (e.g. completed, failed) and returns it. */
  waitForJob(id: string, state: string, timeoutMs?: number): Promise<JobView>;
  stop(): Promise<void>;
}

export async function startApiAndWorker(): Promise<ApiAndWorker> {
  const api = await createTestApp({ withWorker: false });
  const worker = spawnServerProcess('worker.js', { ...process.env, APP_MODE: 'worker' });
  const login = await request(api.getHttpServer())
    .post('/api/auth/login')
    .send({
      username: process.env.ADMIN_INITIAL_USERNAME,
      password: process.env.ADMIN_INITIAL_PASSWORD,
    })
    .expect(200);
  const token: string = login.body.accessToken;
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
  const self: ApiAndWorker = {
    api,
    worker,
    token,
    get: (path) => auth(request(api.getHttpServer()).get(path)),
    post: (path) => auth(request(api.getHttpServer()).post(path)),
    async startSelfTest(body = {}) {
      const started = await self.post('/api/admin/jobs/self-test').send(body).expect(201);
      return String(started.body.id);
    },
    async job(id, queue = 'system') {
      return (await self.get(`/api/admin/jobs/${queue}/${id}`)).body as JobView;
    },
    waitForJob(id, state, timeoutMs) {
      return waitFor(
        `job ${id} to be ${state}`,
        async () => {
          const view = await self.job(id);
          return view.state === state ? view : undefined;
        },
        timeoutMs,
      );
    },
    async stop() {
      await worker.stop();
      await api.close();
    },
  };
  return self;
}
