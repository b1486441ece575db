import request from 'supertest';
import { spawnServerProcess, SpawnedProcess, waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * Bulk mark of 2,000 customers (every relation of theirs) survives a worker SIGKILLed mid-job:
 * another worker resumes from the items, and each relation ends marked once — in WeCom, in the
 * mirror and in the timeline — with at most one chunk's mark_tag sent twice.
 */
describe('bulk tag job under a worker SIGKILL', () => {
  let stack: SandboxStack;
  let corpId: string;
  const workerEnv = () => ({ ...process.env, APP_MODE: 'worker', JOB_LOCK_MS: '4000' });
  const api = () => request(stack.url);
  const marks = () => stack.sandbox.state.apiCallsByPath.get('externalcontact/mark_tag') ?? 0;
  const job = async (id: string) =>
    (await api().get(`/api/admin/tags/jobs/${id}`).query({ corpId }).set(stack.auth()).expect(200))
      .body;

  beforeAll(async () => {
    stack = await startSandboxStack({
      sandbox: { seed: { customers: 2000 } },
      withWorker: false,
    });
    corpId = stack.sandbox.corp.corpId;
  });
  afterAll(() => stack?.close());

  it('ends with each relation marked once', async () => {
    let worker: SpawnedProcess = spawnServerProcess('worker.js', workerEnv());
    try {
      await api().post(`/api/admin/sync/${corpId}`).set(stack.auth()).expect(202);
      await waitFor(
        'the full sync',
        async () => {
          const runs = (await api().get(`/api/admin/sync/${corpId}`).set(stack.auth())).body;
          return runs[0]?.status === 'done' ? true : undefined;
        },
        240_000,
      );
      const [{ n: relations }] = await stack.db.query(
        "SELECT COUNT(*) AS n FROM follow_relation WHERE corp_id = ? AND status = 'active'",
        [corpId],
      );
      const [{ n: customers }] = await stack.db.query(
        'SELECT COUNT(DISTINCT external_user_id) AS n FROM follow_relation WHERE corp_id = ?',
        [corpId],
      );
      expect(Number(customers)).toBe(2000);
      const added = await api()
        .post('/api/admin/tags/groups')
        .set(stack.auth())
        .send({ corpId, name: '批量活动', tags: [{ name: '双11' }] })
        .expect(201);
      const tagId: string = added.body.tagIds[0];
      const callsBefore = marks();
      const t0 = Date.now();
      process.stderr.write(`synced ${relations} relations; bulk job starts\n`);

      const started = await api()
        .post('/api/admin/tags/jobs')
        .set(stack.auth())
        .send({ corpId, filter: {}, addTagIds: [tagId], removeTagIds: [] })
        .expect(201);
      const id: string = started.body.id;
      await waitFor(
        'the job to be mid-way',
        async () => {
          const j = await job(id);
          return j.state === 'running' && j.done >= 300 ? j : undefined;
        },
        120_000,
      );
      await worker.stop('SIGKILL');
      process.stderr.write(`SIGKILL after ${Date.now() - t0} ms\n`);
      const stopped = await job(id);
      expect(stopped.state).toBe('running');
      expect(stopped.done).toBeLessThan(Number(relations));

      worker = spawnServerProcess('worker.js', workerEnv());
      const end = await waitFor(
        'the job to finish on the new worker',
        async () => {
          const j = await job(id);
          return j.state === 'done' ? j : undefined;
        },
        240_000,
      );
      expect(end).toMatchObject({ total: Number(relations), done: Number(relations), failed: 0 });

      // WeCom: every active relation has the tag; mark_tag sent once each, plus at most the
      // chunk that was in flight when the worker died
      const follows = [...stack.sandbox.state.follows.values()].filter((f) =>
        stack.sandbox.state.customers.has(f.external_userid),
      );
      const tagged = follows.filter((f) => f.tagIds.includes(tagId));
      expect(tagged.length).toBe(Number(relations));
      const sent = marks() - callsBefore;
      expect(sent).toBeGreaterThanOrEqual(Number(relations));
      expect(sent).toBeLessThanOrEqual(Number(relations) + 100);
      // the mirror and the timeline: one mark and one entry per relation
      const [{ n: mirrored }] = await stack.db.query(
        "SELECT COUNT(*) AS n FROM customer_tag WHERE corp_id = ? AND tag_id = ? AND source = 'manual'",
        [corpId, tagId],
      );
      expect(Number(mirrored)).toBe(Number(relations));
      const [{ n: entries }] = await stack.db.query(
        `SELECT COUNT(*) AS n FROM customer_timeline WHERE corp_id = ? AND dedupe_key LIKE ?`,
        [corpId, `tag-job:${id}:%`],
      );
      expect(Number(entries)).toBe(Number(relations));
    } catch (err) {
      process.stderr.write(`worker output (tail):\n${worker.output().slice(-4000)}\n`);
      throw err;
    } finally {
      await worker.stop();
    }
  }, 600_000);
});
