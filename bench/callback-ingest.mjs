// Callback ingestion benchmark: acknowledged callbacks per second and ack latency of the real API
// process, beside two ceilings measured in the same run, bare node:http servers doing the same
// signature check and decrypt into the same MariaDB table:
//  - "single": one durable INSERT IGNORE per callback;
//  - "group": the API's group commit (server/src/callbacks/callback-event.repository.ts): at most
//    two INSERTs in flight, callbacks arriving meanwhile share the next one (up to 64 rows, a
//    multi-row INSERT IGNORE … RETURNING on MariaDB), a lone callback inserted at once.
// The API's ratio to both is reported; the stronger ceiling is the one to compare with.
//
//   npm run build -w server && node bench/callback-ingest.mjs [seconds=18] [connections=50] [rounds=6]
//
// Each target gets `seconds` of load in all, in `rounds` turns taken in rotation (see main).
//
// Needs MariaDB and Redis (scripts/services.sh start). Uses its own database `scrm_bench`.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');

const seconds = Number(process.argv[2] ?? 18);
const connections = Number(process.argv[3] ?? 50);
const rounds = Number(process.argv[4] ?? 6);
const env = {
  ...process.env,
  DB_NAME: 'scrm_bench',
  APP_MODE: 'api',
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  ENV_FILE: '/nonexistent',
};
const corp = {
  corpId: 'wwbench000000001',
  token: 'BenchToken1',
  aesKey: randomBytes(40)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 43),
};

function run(cmd, args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: { ...env, ...extraEnv }, stdio: 'inherit' });
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// BENCH_CHANNEL_ADDS=1: the adds carry a channel-shaped State (`ch_` + 12), so each also
// enqueues a welcome job; by default their State ("ch1") is another tool's, one job per add
const state = process.env.BENCH_CHANNEL_ADDS ? 'ch_0bench0state' : 'ch1';

/** A distinct add_external_contact event per request, signed and encrypted as WeCom does. */
let seq = 0;
function nextCallback(path) {
  seq += 1;
  const ts = String(Math.floor(Date.now() / 1000));
  const xml =
    `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
    `<CreateTime>${ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>` +
    `<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangwei]]></UserID>` +
    `<ExternalUserID><![CDATA[wmbench${process.pid}x${seq}]]></ExternalUserID><State><![CDATA[${state}]]></State>` +
    `<WelcomeCode><![CDATA[${randomBytes(8).toString('hex')}]]></WelcomeCode></xml>`;
  const enc = encrypt(corp.aesKey, xml, corp.corpId);
  const nonce = String(seq);
  const sig = getSignature(corp.token, ts, nonce, enc);
  return {
    method: 'POST',
    path: `${path}?msg_signature=${sig}&timestamp=${ts}&nonce=${nonce}`,
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

async function load(url, path, duration = seconds) {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [{ setupRequest: () => nextCallback(path) }],
  });
  return {
    ackPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

const INSERT_COLUMNS =
  '(corp_id, dedupe_key, event, change_type, create_time, payload, received_at, available_at)';
const ROW = "(?, ?, 'change_external_contact', 'add_external_contact', ?, ?, NOW(3), NOW(3))";

/** One insert per callback (today's ceiling). */
function singleInserts(pool) {
  return async (row) => {
    await pool.query(`INSERT IGNORE INTO callback_event ${INSERT_COLUMNS} VALUES ${ROW}`, row);
  };
}

/**
 * The API's group commit, bare: at most 2 statements in flight, the callbacks that arrive
 * meanwhile wait and go in together (≤ 64 rows) as one INSERT IGNORE … RETURNING.
 */
function groupCommit(pool) {
  const waiting = [];
  let inFlight = 0;
  const start = () => {
    while (inFlight < 2 && waiting.length) {
      const batch = waiting.splice(0, 64);
      inFlight += 1;
      const sql =
        batch.length === 1
          ? `INSERT IGNORE INTO callback_event ${INSERT_COLUMNS} VALUES ${ROW}`
          : `INSERT IGNORE INTO callback_event ${INSERT_COLUMNS} VALUES ${batch.map(() => ROW).join(', ')} RETURNING id, corp_id, dedupe_key`;
      pool
        .query(
          sql,
          batch.flatMap((w) => w.row),
        )
        .then(
          () => batch.forEach((w) => w.resolve()),
          (err) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          inFlight -= 1;
          start();
        });
    }
  };
  return (row) =>
    new Promise((resolve, reject) => {
      waiting.push({ row, resolve, reject });
      start();
    });
}

/** A ceiling: node:http, the same crypto, the callback stored durably, nothing else. */
async function startBareServer(port, mode) {
  const pool = mysql.createPool({
    host: env.DB_HOST,
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    connectionLimit: 20,
  });
  const store = mode === 'group' ? groupCommit(pool) : singleInserts(pool);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const q = new URL(req.url, 'http://x').searchParams;
        const body = Buffer.concat(chunks).toString();
        const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)[1];
        if (
          getSignature(corp.token, q.get('timestamp'), q.get('nonce'), encrypted) !==
          q.get('msg_signature')
        ) {
          res.writeHead(401).end();
          return;
        }
        const { message } = decrypt(corp.aesKey, encrypted);
        await store([
          corp.corpId,
          createHash('sha256').update(message).digest('hex'),
          Math.floor(Date.now() / 1000),
          JSON.stringify({ raw: message }),
        ]);
        res.writeHead(200).end('');
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { close: async () => (server.close(), pool.end()) };
}

async function main() {
  await run(process.execPath, ['server/dist/server/src/database/migrate.js', 'run']);
  const apiPort = 3900;
  // BENCH_API_ENTRY lets a profiler wrapper start the API instead
  // BENCH_PROFILE=dir: a V8 CPU profile of the API, written when it exits
  const prof = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const api = spawn(
    process.execPath,
    [...prof, process.env.BENCH_API_ENTRY ?? 'server/dist/server/src/main.js'],
    {
      env: { ...env, PORT: String(apiPort) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${apiPort}`;
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${base}/health`).catch(() => null))?.ok) break;
    await sleep(200);
  }
  const login = await (
    await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: env.ADMIN_INITIAL_PASSWORD }),
    })
  ).json();
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${login.accessToken}`,
  };
  const existing = await fetch(`${base}/api/admin/corps/${corp.corpId}`, { headers });
  const creds = { agentSecret: 'bench', callbackToken: corp.token, encodingAESKey: corp.aesKey };
  await fetch(`${base}/api/admin/corps${existing.ok ? `/${corp.corpId}` : ''}`, {
    method: existing.ok ? 'PATCH' : 'POST',
    headers,
    body: JSON.stringify(
      existing.ok ? creds : { corpId: corp.corpId, name: 'bench', agentId: 1, ...creds },
    ),
  });

  // The three targets take turns over `rounds` rounds of seconds/rounds each, so that a change
  // in the shared machine's load (other work starting or stopping) falls on all three alike
  // rather than on whichever ran last. Each round takes another of the 6 orders, and a target
  // rests a second before its turn: what MariaDB still flushes after one target's burst would
  // otherwise always fall on the same next target.
  const single = await startBareServer(3901, 'single');
  const group = await startBareServer(3902, 'group');
  const targets = {
    server: [base, `/wecom/callback/${corp.corpId}`],
    single: ['http://127.0.0.1:3901', '/'],
    group: ['http://127.0.0.1:3902', '/'],
  };
  const names = Object.keys(targets);
  for (const name of names) await load(...targets[name], 2); // warm-up
  const results = Object.fromEntries(names.map((n) => [n, []]));
  const phase = Math.max(1, Math.round(seconds / rounds));
  const orders = [
    [0, 1, 2],
    [1, 2, 0],
    [2, 0, 1],
    [0, 2, 1],
    [2, 1, 0],
    [1, 0, 2],
  ];
  for (let r = 0; r < rounds; r++) {
    for (const i of orders[r % orders.length]) {
      await sleep(1000);
      results[names[i]].push(await load(...targets[names[i]], phase));
    }
  }
  const exited = new Promise((r) => api.once('exit', r));
  api.kill();
  await exited; // a profile is written on exit
  await single.close();
  await group.close();

  /** Rounds combined: the mean rate, the median p50 and the worst p99. */
  const combine = (rs) => ({
    ackPerSec: Math.round(rs.reduce((t, x) => t + x.ackPerSec, 0) / rs.length),
    p50: [...rs.map((x) => x.p50)].sort((a, b) => a - b)[Math.floor(rs.length / 2)],
    p99: Math.max(...rs.map((x) => x.p99)),
    non2xx: rs.reduce((t, x) => t + x.non2xx, 0),
    errors: rs.reduce((t, x) => t + x.errors, 0),
    rounds: rs.map((x) => x.ackPerSec),
  });
  const server = combine(results.server);
  const ceilings = { single: combine(results.single), group: combine(results.group) };
  const ratio = (c) => Number((server.ackPerSec / c.ackPerSec).toFixed(2));
  const ratios = { single: ratio(ceilings.single), group: ratio(ceilings.group) };
  console.log(JSON.stringify({ seconds, connections, rounds, server, ceilings, ratios }, null, 2));
  const line = (r) => `${r.ackPerSec} ack/s p50 ${r.p50} ms p99 ${r.p99} ms`;
  console.log(
    `server: ${line(server)} | single-insert ceiling: ${line(ceilings.single)} (ratio ${ratios.single}) | group-commit ceiling: ${line(ceilings.group)} (ratio ${ratios.group})`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
