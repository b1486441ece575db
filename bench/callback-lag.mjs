// Processing-lag benchmark: real signed and encrypted change_external_contact callbacks for
// existing (userid, external_userid) relations of the sandbox, posted at a fixed overall rate for
// a number of seconds straight to the API's callback URL. Every second it samples the backlog
// (callback_event rows still pending or processing, and the age of the oldest one) and the ack
// latency. Reports acknowledged/s achieved, p50/p99 ack latency, the backlog when the load ends,
// and how long after the load the backlog reached zero ("lag at the end").
//
//   npm run build -w server -w wecom-sandbox
//   node bench/callback-lag.mjs [rate=1000] [seconds=60] [customers=5000] [changeType=edit_external_contact] [drainSeconds=600]
//   node bench/callback-lag.mjs 1000 60 5000 del_follow_user:85,edit_external_contact:15   # a mix
//
// The sandbox corp is fully synced first (POST /api/admin/sync/:corpId), so every event names a
// relation the mirror already has; the relations are read from the mirror after the sync. Each
// relation is used once per round over all relations (shuffled), so at 1000/s no two events are
// the same XML (the default 5,000 customers give about 5,500 relations; with the 500-customer
// demo corp a relation would repeat within the same second, and WeCom's identical retries are
// deduplicated on purpose, which would hide events). `edit_external_contact` makes the worker
// re-fetch with externalcontact/get; `del_follow_user` needs no WeCom call (pipeline alone).
//
// BENCH_WECOM_PER_MINUTE=N lifts WeCom's frequency limit to N calls per minute per API on both
// sides (the sandbox's limit and WECOM_RATE_LIMIT_PER_MINUTE): the engine's own capacity, which
// real WeCom (10,000/min, DW 90454) does not grant.
//
// Needs MariaDB and Redis (scripts/services.sh start; eval "$(bash scripts/services.sh env)").
// Uses its own database `scrm_bench_lag`, dropped and re-created on every run. Child processes,
// all on 127.0.0.1: the sandbox, the API (APP_MODE=api) and one worker (every queue). The load
// generator is this process (node:http, keep-alive, at most 256 requests in flight).
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import {
  childProcesses,
  pidOnPort,
  procStats,
  sleep,
  startBenchStack,
  waitFor,
} from './support.mjs';
import { loadavg } from 'node:os';
import { encrypt, getSignature } from '@wecom/crypto';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');

const rate = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 60);
const customers = Number(process.argv[4] ?? 5000);
const changeType = process.argv[5] ?? 'edit_external_contact';
// `type` or a mix `type:percent,type:percent` (e.g. del_follow_user:85,edit_external_contact:15)
const mix = changeType.split(',').map((part) => {
  const [type, pct] = part.split(':');
  return { type, pct: pct === undefined ? 100 : Number(pct) };
});
if (mix.reduce((a, m) => a + m.pct, 0) !== 100) throw new Error('the mix must add up to 100');
/** The change type of the n-th event: every 100 events hold each type's percentage. */
const typeOf = (n) => {
  let slot = (n * 37) % 100; // spread each type over the 100 slots
  for (const m of mix) {
    if (slot < m.pct) return m.type;
    slot -= m.pct;
  }
  return mix[mix.length - 1].type;
};
const drainSeconds = Number(process.argv[6] ?? 600);
const MAX_IN_FLIGHT = 256;
const DB_NAME = 'scrm_bench_lag';
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;

const env = {
  ...process.env,
  DB_NAME,
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-lag-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  SYNC_ON_CORP_CREATE: 'false',
  ENV_FILE: '/nonexistent',
  ...(process.env.BENCH_WECOM_PER_MINUTE
    ? {
        WECOM_RATE_LIMIT_PER_MINUTE: process.env.BENCH_WECOM_PER_MINUTE,
        WECOM_RATE_LIMIT_PER_HOUR: String(Number(process.env.BENCH_WECOM_PER_MINUTE) * 60),
      }
    : {}),
};

const { child, stopChildren } = childProcesses(env);

async function main() {
  const loadBefore = loadavg().map((x) => x.toFixed(2));
  console.error(`[bench] load average before the run: ${loadBefore.join(' ')}`);
  const dbOpts = {
    host: env.DB_HOST,
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  };
  const { base, sandboxUrl, sandboxProc, apiProc, workerProc, corp, api } = await startBenchStack(
    env,
    child,
    customers,
  );
  const apiPort = Number(new URL(base).port);
  const summary = async () => (await fetch(`${sandboxUrl}/sandbox/state/summary`)).json();
  if (env.WECOM_RATE_LIMIT_PER_MINUTE) {
    const perMinute = Number(env.WECOM_RATE_LIMIT_PER_MINUTE);
    await fetch(`${sandboxUrl}/sandbox/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimit: { perMinute, perHour: perMinute * 60 } }),
    });
    console.error(`[bench] WeCom frequency limit lifted to ${perMinute}/min on both sides`);
  }

  // 1. full sync first: the mirror holds every relation the events will name
  const t0Sync = performance.now();
  await api(`/api/admin/sync/${corp.corpId}`, 'POST');
  const run = await waitFor(
    'the full sync',
    async () => {
      const [r] = await api(`/api/admin/sync/${corp.corpId}`);
      return r && r.status !== 'running' ? r : undefined;
    },
    600_000,
  );
  if (run.status !== 'done') throw new Error(`full sync ${run.status}: ${run.error}`);
  const syncSeconds = round((performance.now() - t0Sync) / 1000);
  const db = await mysql.createPool({ ...dbOpts, database: DB_NAME, connectionLimit: 2 });
  const [rel] = await db.query(
    "SELECT user_id u, external_user_id e FROM follow_relation WHERE corp_id = ? AND status = 'active'",
    [corp.corpId],
  );
  for (let i = rel.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [rel[i], rel[j]] = [rel[j], rel[i]];
  }
  console.error(
    `[bench] synced ${customers} customers in ${syncSeconds} s; ${rel.length} relations`,
  );

  // 2. the load: one signed, encrypted event per request, paced at `rate` overall
  const { token: cbToken, encodingAESKey } = corp.callback;
  const path = `/wecom/callback/${corp.corpId}`;
  let seq = 0;
  const prepareStart = Math.floor(Date.now() / 1000);
  // each event carries the second it is due to be sent (so one relation's events differ, like
  // WeCom's: identical callbacks are deduplicated on purpose); the warm-up goes first
  const nextBody = () => {
    const r = rel[seq % rel.length];
    const ts = String(prepareStart + Math.floor(Math.max(0, seq - 200) / rate));
    seq += 1;
    const xml =
      `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>${ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>` +
      `<ChangeType><![CDATA[${typeOf(seq)}]]></ChangeType><UserID><![CDATA[${r.u}]]></UserID>` +
      `<ExternalUserID><![CDATA[${r.e}]]></ExternalUserID></xml>`;
    const enc = encrypt(encodingAESKey, xml, corp.corpId);
    const nonce = `${process.pid}${seq}`;
    const sig = getSignature(cbToken, ts, nonce, enc);
    return {
      url: `${path}?msg_signature=${sig}&timestamp=${ts}&nonce=${nonce}`,
      body: `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt><AgentID><![CDATA[${corp.agent.agentId}]]></AgentID></xml>`,
    };
  };
  // WeCom encrypts on its own servers: the bodies of the load are signed and encrypted before it
  // starts, so the load generator's CPU is not taken from the server on this shared box
  // (timestamps stay well inside the 600 s window the API accepts)
  const t0Bodies = performance.now();
  const prepared = Array.from({ length: Math.ceil(rate * seconds) + 400 }, nextBody);
  let taken = 0;
  const takeBody = () => prepared[taken++] ?? nextBody();
  console.error(
    `[bench] ${prepared.length} callbacks signed and encrypted in ${round((performance.now() - t0Bodies) / 1000)} s`,
  );
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  let inFlight = 0;
  let acked = 0;
  const refused = {};
  let lat = []; // ack latencies (ms) of this second
  const allLat = [];
  const post = () =>
    new Promise((resolve) => {
      const { url, body } = takeBody();
      const start = performance.now();
      inFlight += 1;
      const done = (status) => {
        inFlight -= 1;
        if (status === 200) {
          acked += 1;
          const ms = performance.now() - start;
          lat.push(ms);
          allLat.push(ms);
        } else refused[status] = (refused[status] ?? 0) + 1;
        resolve();
      };
      const req = request(
        {
          host: '127.0.0.1',
          port: apiPort,
          path: url,
          method: 'POST',
          agent,
          headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode));
        },
      );
      req.on('error', (e) => done(e.code ?? 'error'));
      req.end(body);
    });

  const backlog = async () => {
    const [rows] = await db.query(
      `SELECT COUNT(*) n,
              TIMESTAMPDIFF(MICROSECOND, MIN(received_at), NOW(3)) / 1e6 oldest
       FROM callback_event WHERE status IN ('pending', 'processing')`,
    );
    return { n: Number(rows[0].n), oldestS: rows[0].oldest === null ? 0 : Number(rows[0].oldest) };
  };

  // warm-up: 2 s at 100/s, then wait for it to be processed
  for (let i = 0; i < 200; i++) {
    void post();
    await sleep(10);
  }
  await waitFor('the warm-up to drain', async () => (await backlog()).n === 0, 120_000);
  const rowsBefore = Number((await db.query('SELECT COUNT(*) n FROM callback_event'))[0][0].n);
  acked = 0;
  allLat.length = 0;
  lat = [];
  for (const k of Object.keys(refused)) delete refused[k];

  const dbPid = await pidOnPort(env.DB_PORT ?? 3306);
  const redisPid = await pidOnPort(env.REDIS_PORT ?? 6379);
  const pids = {
    worker: workerProc.pid,
    api: apiProc.pid,
    sandbox: sandboxProc.pid,
    bench: process.pid,
    ...(dbPid ? { mariadb: dbPid } : {}),
    ...(redisPid ? { redis: redisPid } : {}),
  };
  const cpuNow = () =>
    Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, procStats(pid)?.cpuS ?? 0]));
  const apiCalls0 = (await summary()).apiCalls;
  const samples = [];
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  let cpuPrev = cpuNow();
  const cpuLoadStart = cpuPrev;
  let ackPrev = 0;
  let loadDone = false;
  const sampler = setInterval(async () => {
    const l = lat.sort((a, b) => a - b);
    lat = [];
    const b = await backlog().catch(() => ({ n: null, oldestS: null }));
    const cpu = cpuNow();
    const cpuPct = Object.fromEntries(
      Object.keys(cpu).map((k) => [k, Math.round((cpu[k] - cpuPrev[k]) * 100)]),
    );
    cpuPrev = cpu;
    const s = {
      t: round(elapsed()),
      load: !loadDone,
      sent,
      acks: acked - ackPrev,
      p50: round(pct(l, 50) ?? 0),
      p99: round(pct(l, 99) ?? 0),
      inFlight,
      backlog: b.n,
      oldestS: b.oldestS === null ? null : round(b.oldestS),
      cpuPct,
    };
    ackPrev = acked;
    samples.push(s);
    console.error(
      `[bench] ${s.t} s ${s.load ? 'load' : 'drain'}: ${s.acks} ack/s p50 ${s.p50} p99 ${s.p99} ms, ` +
        `backlog ${s.backlog} (oldest ${s.oldestS} s), cpu% ${JSON.stringify(cpuPct)}`,
    );
  }, 1000);

  // paced loop: every 2 ms send what is due by now, at most MAX_IN_FLIGHT outstanding
  let sent = 0;
  let behind = 0;
  const pending = new Set();
  const loadMs = seconds * 1000;
  for (;;) {
    const now = performance.now() - t0;
    if (now >= loadMs) break;
    const due = Math.floor((now / 1000) * rate);
    while (sent < due) {
      if (inFlight >= MAX_IN_FLIGHT) {
        behind += 1;
        break;
      }
      sent += 1;
      const p = post();
      pending.add(p);
      p.then(() => pending.delete(p));
    }
    await sleep(2);
  }
  await Promise.all(pending);
  const loadS = elapsed();
  loadDone = true;
  const cpuLoad = cpuNow();
  const atEnd = await backlog();
  const rows =
    Number((await db.query('SELECT COUNT(*) n FROM callback_event'))[0][0].n) - rowsBefore;
  console.error(
    `[bench] load ended at ${round(loadS)} s: ${acked} acknowledged, backlog ${atEnd.n} (oldest ${round(atEnd.oldestS)} s)`,
  );

  // 3. drain: how long until nothing is pending or processing
  let drainS = null;
  let last = atEnd;
  const tEnd = performance.now();
  for (;;) {
    last = await backlog();
    if (last.n === 0) {
      drainS = (performance.now() - tEnd) / 1000;
      break;
    }
    if ((performance.now() - tEnd) / 1000 > drainSeconds) break;
    await sleep(250);
  }
  clearInterval(sampler);
  const totalS = elapsed();
  const [statusRows] = await db.query(
    'SELECT status, COUNT(*) n FROM callback_event GROUP BY status',
  );
  const apiCalls = (await summary()).apiCalls - apiCalls0;
  await db.end();
  agent.destroy();

  allLat.sort((a, b) => a - b);
  const cpuPctLoad = Object.fromEntries(
    Object.keys(cpuLoad).map((k) => [
      k,
      Math.round(((cpuLoad[k] - cpuLoadStart[k]) / loadS) * 100),
    ]),
  );
  const processedDuringLoad = rows - atEnd.n;
  const result = {
    rate,
    seconds,
    customers,
    relations: rel.length,
    changeType,
    syncedFirst: true,
    syncSeconds,
    loadBefore,
    sent,
    schedulerBehindTicks: behind,
    acknowledged: acked,
    ackPerSecond: Math.round(acked / loadS),
    refused,
    newRows: rows,
    p50AckMs: round(pct(allLat, 50) ?? 0),
    p99AckMs: round(pct(allLat, 99) ?? 0),
    maxAckMs: round(allLat.at(-1) ?? 0),
    processedPerSecondDuringLoad: Math.round(processedDuringLoad / loadS),
    backlogAtEnd: atEnd.n,
    oldestPendingAtEndSeconds: round(atEnd.oldestS),
    lagAtEndSeconds: drainS === null ? null : round(drainS),
    drainGaveUpAfterSeconds: drainS === null ? drainSeconds : undefined,
    backlogWhenGivenUp: drainS === null ? last.n : undefined,
    processedPerSecondOverall: Math.round((rows - (drainS === null ? last.n : 0)) / totalS),
    statuses: Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)])),
    sandboxApiCalls: apiCalls,
    cpuPercentDuringLoad: cpuPctLoad,
    workerRssMiB: Math.round((procStats(workerProc.pid)?.rssKb ?? 0) / 1024),
    loadAfter: loadavg().map((x) => x.toFixed(2)),
    backlogEvery5s: samples
      .filter((_, i) => i % 5 === 4)
      .map((s) => ({ t: s.t, backlog: s.backlog, oldestS: s.oldestS })),
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `${rate}/s × ${seconds} s of ${changeType}: ${result.ackPerSecond} ack/s, p50 ${result.p50AckMs} ms, ` +
      `p99 ${result.p99AckMs} ms; processed ${result.processedPerSecondDuringLoad}/s during load; ` +
      `backlog at end ${result.backlogAtEnd} (oldest ${result.oldestPendingAtEndSeconds} s); ` +
      `lag at end ${drainS === null ? `> ${drainSeconds} s (gave up, ${last.n} left)` : `${result.lagAtEndSeconds} s`}`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(stopChildren);
