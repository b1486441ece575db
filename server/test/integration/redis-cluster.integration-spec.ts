import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import request from 'supertest';
import { parseClusterNodes, queuePrefix } from '../../src/config/configuration';
import { createRedisClient, RedisClient } from '../../src/redis/redis-client';
import { AccessTokenStore } from '../../src/wecom/access-token.store';
import { RedisRateCounterStore, WindowRateLimiter } from '../../src/wecom/rate-limiter';
import { resolveWecomOptions } from '../../src/wecom/wecom.options';
import { ApiAndWorker, startApiAndWorker } from '../support/api-and-worker';

/**
 * The server on a Redis Cluster (REDIS_CLUSTER_NODES): the queues (Bull with a hash-tagged
 * prefix, an API process enqueueing and a worker process running the job), the login throttler,
 * the token cache's refresh lock and the WeCom rate limiter's multi-key script.
 *
 * `npm test` starts the local 3-node cluster (`scripts/services.sh start-cluster`) before the
 * integration step and passes its nodes in SCRM_TEST_REDIS_CLUSTER_NODES; run alone, the test
 * starts it the same way.
 */
function clusterNodes(): string {
  // not REDIS_CLUSTER_NODES: that would move every other suite onto the cluster
  if (process.env.SCRM_TEST_REDIS_CLUSTER_NODES) return process.env.SCRM_TEST_REDIS_CLUSTER_NODES;
  const script = join(__dirname, '../../../scripts/services.sh');
  const out = execFileSync('bash', [script, 'start-cluster'], { encoding: 'utf8' });
  const m = /REDIS_CLUSTER_NODES=(\S+)/.exec(out);
  if (!m) throw new Error(`services.sh start-cluster printed no REDIS_CLUSTER_NODES:\n${out}`);
  return m[1];
}

describe('Redis Cluster', () => {
  const saved = { ...process.env };
  const nodes = clusterNodes();
  const redisConfig = {
    host: '',
    port: 0,
    password: undefined,
    db: 0,
    clusterNodes: parseClusterNodes(nodes),
  };
  const clients: RedisClient[] = [];
  const client = () => {
    const c = createRedisClient(redisConfig, { maxRetriesPerRequest: 3 });
    clients.push(c);
    return c;
  };
  const run = `${Date.now().toString(36)}${process.pid}`;

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    process.env = saved;
  });

  it('is a real 3-master cluster, which refuses a script over keys of two slots', async () => {
    const c = client() as Cluster;
    expect(c).toBeInstanceOf(Cluster);
    await c.set(`probe-a:${run}`, '1'); // a handful of keys spread over the 3 masters
    const masters = c.nodes('master');
    expect(masters).toHaveLength(3);
    const infos = await Promise.all(masters.map((m) => m.cluster('INFO') as Promise<string>));
    for (const info of infos) expect(info).toMatch(/cluster_state:ok/);
    // a multi-key script over two slots is refused: this is what the hash tags avoid
    await expect(
      c.eval("return redis.call('GET', KEYS[1])", 2, `a:${run}`, `b:${run}`),
    ).rejects.toThrow(/CROSSSLOT|different slots|No way to dispatch/);
  });

  describe('the app and a worker process on the cluster', () => {
    let stack: ApiAndWorker;

    beforeAll(async () => {
      Object.assign(process.env, {
        REDIS_CLUSTER_NODES: nodes,
        REDIS_HOST: '',
        REDIS_PORT: '1', // never used on a cluster: a single-Redis fallback would fail
        LOGIN_RATE_LIMIT_PER_MINUTE: '4',
      });
      stack = await startApiAndWorker();
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it('runs a job enqueued by the API in the worker process (Bull under a {hash-tagged} prefix)', async () => {
      const done = await stack.waitForJob(await stack.startSelfTest(), 'completed', 60_000);
      expect(done.returnValue?.processedBy.pid).toBe(stack.worker.child.pid);
      // the queue's keys are on the cluster, under the hash-tagged prefix
      const prefix = queuePrefix(process.env.BULL_PREFIX!, true);
      expect(prefix).toMatch(/^\{.+\}$/);
      expect(Number(await client().get(`${prefix}:system:id`))).toBeGreaterThanOrEqual(1);
    });

    it('throttles logins with its counters on the cluster', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await request(stack.api.getHttpServer())
          .post('/api/auth/login')
          .send({ username: 'nobody', password: 'wrong-password-1' });
        statuses.push(res.status);
      }
      // the good login of beforeAll was the first of 4 allowed this minute
      expect(statuses).toEqual([401, 401, 401, 429]);
    });
  });

  it('token cache: one refresh for two processes waiting on the same token (the lock on the cluster)', async () => {
    const options = resolveWecomOptions({ redisKeyPrefix: `t-${run}:wecom:`, localCacheMs: 0 });
    const a = new AccessTokenStore(client() as never, options);
    const b = new AccessTokenStore(client() as never, options);
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      await new Promise((r) => setTimeout(r, 300));
      return { value: `token-${fetches}`, expiresIn: 7200 };
    };
    const key = a.tokenKey('wwcluster', 'agent');
    const values = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).get(key, fetch)),
    );
    expect(fetches).toBe(1);
    expect(new Set(values)).toEqual(new Set(['token-1']));
    // WeCom refused it: invalidated once, the next caller refreshes
    await b.invalidate(key, 'token-1');
    expect(await a.get(key, fetch)).toBe('token-2');
    expect(fetches).toBe(2);
  });

  it('rate limiter: every window of a corp and API taken in one script, in one slot', async () => {
    let now = Date.UTC(2026, 11, 1, 9, 0, 0);
    const waits: number[] = [];
    const limiter = new WindowRateLimiter(
      new RedisRateCounterStore(client()),
      [
        { ms: 60_000, limit: 3 },
        { ms: 3_600_000, limit: 5 },
      ],
      `rl-${run}:`,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 3; i++) expect(await limiter.acquire('wwcluster', 'message/send')).toBe(0);
    // the minute is full: the 4th waits for the next minute, the 6th for the next hour
    expect(await limiter.acquire('wwcluster', 'message/send')).toBeGreaterThan(0);
    expect(await limiter.acquire('wwcluster', 'message/send')).toBe(0);
    expect(await limiter.acquire('wwcluster', 'message/send')).toBeGreaterThan(50 * 60_000);
    expect(waits).toHaveLength(2);
    // another corp's windows are apart (and may be on another node)
    expect(await limiter.acquire('wwother', 'message/send')).toBe(0);
  });
});
