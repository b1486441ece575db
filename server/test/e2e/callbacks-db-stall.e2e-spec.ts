import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { encrypt, getSignature } from '@wecom/crypto';
import { DataSource } from 'typeorm';
import { freePort } from '../support/free-port';
import { DisposableMariadb } from '../support/mariadb-server';
import { loginAsAdmin, registerCorp } from '../support/sandbox-stack';
import { createTestApp } from '../support/test-app';

const DEADLINE_MS = 3000;
/**
 * The answer may come this much after the deadline (timers, a busy machine), plus the longest
 * stall of the event loop the test measures (at most 1 s: WeCom's 5 s window is the hard limit).
 */
const MARGIN_MS = 1000;
const RATE_PER_SECOND = 120;
const BEFORE_MS = 2000;
const STALL_MS = 10_000;
const AFTER_MS = 3000;
/** WeCom retries 3 times; its delay is not documented (the sandbox's default is 1 s). */
const RETRIES = 3;
const RETRY_DELAY_MS = 1000;

interface Attempt {
  status: number;
  ms: number;
  /** when it was sent (Date.now()) */
  at: number;
}

/**
 * MariaDB hangs (SIGSTOP of the test's own mariadbd: connections stay open and nothing answers,
 * like a long lock or a stalled disk) for 10 s under 120 callbacks/s. Every callback is answered
 * within the ingest deadline (+ a small margin): 200 when stored, 503 otherwise, so that WeCom
 * retries; no request waits for the database to come back. After the thaw, WeCom's retries go
 * through, and every acknowledged event is stored exactly once (a retry of an event whose slow
 * insert landed after its 503 is a duplicate).
 */
describe('callback ingest when MariaDB stalls', () => {
  const saved = { ...process.env };
  const corp = {
    corpId: `wwstall${randomBytes(4).toString('hex')}`,
    token: 'StallToken1',
    aesKey: randomBytes(40)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 43),
  };
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  let mariadb: DisposableMariadb;
  let app: INestApplication;
  let db: DataSource;
  let port: number;

  /** One signed callback, as WeCom sends it (a retry sends the same event again). */
  const callback = (seq: number) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const xml = `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scrm_stall_probe]]></Event><Seq>${seq}</Seq></xml>`;
    const enc = encrypt(corp.aesKey, xml, corp.corpId);
    const nonce = `n${seq}`;
    const query = new URLSearchParams({
      msg_signature: getSignature(corp.token, ts, nonce, enc),
      timestamp: ts,
      nonce,
    });
    return {
      path: `/wecom/callback/${corp.corpId}?${query}`,
      body: `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`,
    };
  };

  const post = (cb: { path: string; body: string }): Promise<Attempt> =>
    new Promise((resolve) => {
      const started = Date.now();
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: cb.path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(cb.body) },
          timeout: 15_000,
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, at: started }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0, ms: Date.now() - started, at: started }));
      req.end(cb.body);
    });

  /** WeCom's delivery of one event: the first attempt, then up to 3 retries until a 200. */
  const deliver = async (seq: number): Promise<Attempt[]> => {
    const cb = callback(seq);
    const attempts: Attempt[] = [];
    for (let i = 0; i <= RETRIES; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      const a = await post(cb);
      attempts.push(a);
      if (a.status === 200) break;
    }
    return attempts;
  };

  beforeAll(async () => {
    mariadb = new DisposableMariadb(await freePort());
    await mariadb.start();
    const database = 'scrm_stall';
    await mariadb.createDatabase(database);
    Object.assign(process.env, {
      DB_HOST: '127.0.0.1',
      DB_PORT: String(mariadb.port),
      DB_USER: mariadb.user,
      DB_PASSWORD: '',
      DB_NAME: database,
      CALLBACK_INGEST_DEADLINE_MS: String(DEADLINE_MS),
      // the pool's own limits come into play within the stall too
      DB_QUERY_TIMEOUT_MS: '5000',
      DB_ACQUIRE_TIMEOUT_MS: '2000',
      DB_CONNECT_TIMEOUT_MS: '2000',
    });
    port = await freePort();
    app = await createTestApp({ withWorker: false });
    await app.listen(port, '127.0.0.1');
    db = app.get(DataSource);
    const url = `http://127.0.0.1:${port}`;
    await registerCorp(url, await loginAsAdmin(url), {
      corpId: corp.corpId,
      name: 'stall',
      agentId: 1,
      agentSecret: 's',
      callbackToken: corp.token,
      encodingAESKey: corp.aesKey,
    });
  }, 180_000);

  afterAll(async () => {
    agent.destroy();
    await app?.close();
    await mariadb?.stop();
    process.env = saved;
  });

  it('answers every callback within the deadline and stores every acknowledged event once', async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const deliveries: Array<Promise<Attempt[]>> = [];
    const total = Math.round(((BEFORE_MS + STALL_MS + AFTER_MS) / 1000) * RATE_PER_SECOND);
    const started = Date.now();
    let frozenAt = 0;
    let thawedAt = 0;
    for (let seq = 1; seq <= total; seq++) {
      // paced on the wall clock, so a slow tick does not lower the rate
      const due = started + ((seq - 1) * 1000) / RATE_PER_SECOND;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const elapsed = Date.now() - started;
      if (!frozenAt && elapsed >= BEFORE_MS) {
        mariadb.freeze();
        frozenAt = Date.now();
      }
      if (frozenAt && !thawedAt && elapsed >= BEFORE_MS + STALL_MS) {
        mariadb.thaw();
        thawedAt = Date.now();
      }
      deliveries.push(deliver(seq));
    }
    const results = await Promise.all(deliveries);
    const attempts = results.flat();

    // every answer within the deadline (+ margin), none a connection error
    const slowest = Math.max(...attempts.map((a) => a.ms));
    const statuses = attempts.reduce<Record<number, number>>(
      (acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }),
      {},
    );
    const slow = [...attempts]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((a) => `${a.status} in ${a.ms} ms sent at ${a.at - frozenAt} ms`);
    process.stdout.write(
      `[db stall] ${results.length} callbacks, ${attempts.length} attempts ${JSON.stringify(statuses)}, slowest answer ${slowest} ms, frozen ${thawedAt - frozenAt} ms, event loop delay p99 ${Math.round(loop.percentile(99) / 1e6)} ms max ${Math.round(loop.max / 1e6)} ms; slowest: ${slow.join('; ')}\n`,
    );
    expect(Object.keys(statuses).sort()).toEqual(['200', '503']);
    // the API shares this process's event loop with the load: on a busy machine a stall of the
    // loop delays answers beyond the server's control, up to WeCom's own 5 s at most
    const stalledLoopMs = Math.min(1000, Math.round(loop.max / 1e6));
    expect(slowest).toBeLessThanOrEqual(DEADLINE_MS + MARGIN_MS + stalledLoopMs);
    // the stall was real: hundreds answered 503, and the ones during it were not answered late
    expect(statuses[503]).toBeGreaterThan(RATE_PER_SECOND * 3);

    // every event that got its 200 (first try or a retry) is stored exactly once
    const acknowledged = results
      .map((r, i) => (r.some((a) => a.status === 200) ? i + 1 : 0))
      .filter(Boolean);
    expect(acknowledged.length).toBeGreaterThan(total * 0.9);
    const rows: { seq: string; n: string }[] = await db.query(
      `SELECT JSON_UNQUOTE(JSON_EXTRACT(payload, '$.Seq')) AS seq, COUNT(*) AS n
         FROM callback_event WHERE corp_id = ? GROUP BY seq`,
      [corp.corpId],
    );
    const stored = new Map(rows.map((r) => [Number(r.seq), Number(r.n)]));
    expect(acknowledged.filter((seq) => stored.get(seq) !== 1)).toEqual([]);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
  });
});
