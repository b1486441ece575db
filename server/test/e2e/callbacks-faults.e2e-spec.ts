import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { encrypt, getSignature } from '@wecom/crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { freePort } from '../support/free-port';
import { spawnServerProcess, SpawnedProcess, waitFor } from '../support/processes';
import { DisposableRedis } from '../support/redis-server';
import { loginAsAdmin, registerCorp } from '../support/sandbox-stack';
import { createTestApp } from '../support/test-app';

/**
 * Fault tests of the inbox: Redis dies during a burst (WeCom still gets its 200 and nothing
 * acknowledged is lost), and a worker is SIGKILLed mid-burst (every stored event is processed once
 * another worker runs, none twice in effect).
 */
describe('callback inbox under faults', () => {
  const saved = { ...process.env };
  const corp = {
    corpId: `wwfault${randomBytes(4).toString('hex')}`,
    token: 'FaultToken1',
    aesKey: randomBytes(40)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 43),
  };
  let redis: DisposableRedis;
  let app: INestApplication;
  let db: DataSource;
  let url: string;
  let seq = 0;

  /** A distinct signed callback of an event type with no handler: stored, then `skipped`. */
  const deliver = () => {
    seq += 1;
    const ts = String(Math.floor(Date.now() / 1000));
    const xml = `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scrm_fault_probe]]></Event><Seq>${seq}</Seq></xml>`;
    const enc = encrypt(corp.aesKey, xml, corp.corpId);
    const nonce = `n${seq}`;
    return request(url)
      .post(`/wecom/callback/${corp.corpId}`)
      .query({ msg_signature: getSignature(corp.token, ts, nonce, enc), timestamp: ts, nonce })
      .set('content-type', 'text/xml')
      .send(
        `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`,
      );
  };
  const counts = async () => {
    const rows: { status: string; n: string }[] = await db.query(
      'SELECT status, COUNT(*) AS n FROM callback_event WHERE corp_id = ? GROUP BY status',
      [corp.corpId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
  };
  const settled = (total: number) => async () => {
    const c = await counts();
    return (c.skipped ?? 0) === total ? c : undefined;
  };

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    Object.assign(process.env, {
      REDIS_PORT: String(redis.port),
      REDIS_HOST: '127.0.0.1',
      BULL_PREFIX: `${saved.BULL_PREFIX}-faults`,
      JOB_LOCK_MS: '2000',
      CALLBACK_SWEEP_INTERVAL_MS: '1000',
      CALLBACK_LEASE_MS: '2000',
    });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = await createTestApp({ withWorker: false });
    await app.listen(port, '127.0.0.1');
    db = app.get(DataSource);
    await registerCorp(url, await loginAsAdmin(url), {
      corpId: corp.corpId,
      name: 'faults',
      agentId: 1,
      agentSecret: 's',
      callbackToken: corp.token,
      encodingAESKey: corp.aesKey,
    });
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    process.env = saved;
  });

  it('acknowledges every callback while Redis is down and processes them all once it is back', async () => {
    const worker = spawnServerProcess('worker.js', { ...process.env, APP_MODE: 'worker' });
    try {
      for (let i = 0; i < 40; i++) await deliver().expect(200);
      // no drain still running when Redis goes (a drain reads MariaDB only, once started)
      await waitFor('the first 40 to be processed', settled(40), 30_000);
      await redis.stop();
      const slowest = { ms: 0 };
      for (let i = 0; i < 40; i++) {
        const t = Date.now();
        await deliver().expect(200);
        slowest.ms = Math.max(slowest.ms, Date.now() - t);
      }
      expect(slowest.ms).toBeLessThan(2500); // well inside WeCom's 5 s
      expect((await counts()).pending).toBeGreaterThan(0); // stored, not yet processed
      await redis.start();
      const final = await waitFor('all 80 events to be processed', settled(80), 60_000);
      expect(final).toEqual({ skipped: 80 });
    } finally {
      await worker.stop();
    }
  });

  it('loses nothing when a worker is SIGKILLed mid-burst', async () => {
    const before = (await counts()).skipped ?? 0;
    let worker: SpawnedProcess = spawnServerProcess('worker.js', {
      ...process.env,
      APP_MODE: 'worker',
    });
    const burst = 1000;
    let killed: () => void = () => undefined;
    const kill = new Promise<void>((resolve) => (killed = resolve));
    // the burst goes on after the kill: a batch drains hundreds of events a second, so a burst
    // posted at full speed could be over before the kill lands
    const posting = (async () => {
      for (let i = 0; i < burst; i += 20) {
        if (i === 300) await kill;
        await Promise.all(Array.from({ length: 20 }, () => deliver().expect(200)));
      }
    })();
    await waitFor('the worker to be mid-burst', async () => {
      const done = ((await counts()).skipped ?? 0) - before;
      return done > 50 ? done : undefined;
    });
    await worker.stop('SIGKILL');
    killed();
    await posting;
    const stuck = await counts();
    expect((stuck.pending ?? 0) + (stuck.processing ?? 0)).toBeGreaterThan(0);

    worker = spawnServerProcess('worker.js', { ...process.env, APP_MODE: 'worker' });
    try {
      const final = await waitFor('every event to be processed', settled(before + burst), 90_000);
      expect(final).toEqual({ skipped: before + burst });
      const [{ maxAttempts }] = await db.query(
        'SELECT MAX(attempts) AS maxAttempts FROM callback_event WHERE corp_id = ?',
        [corp.corpId],
      );
      expect(Number(maxAttempts)).toBeLessThanOrEqual(2); // at most the interrupted try and one more
    } finally {
      await worker.stop();
    }
  });
});
