// The sidebar's customer-profile API (GET /api/sidebar/customers/:externalUserId) at 100
// concurrent requests on the 1,000,000-customer data (issue 14: p95 under 20 ms).
//
//   npm run build -w server
//   eval "$(bash scripts/services.sh env)"
//   node bench/seed-customers.mjs 1000000 --tags=2000 --marks=5000000 --db=scrm_bench_audience
//   node bench/sidebar-profile.mjs [--db=scrm_bench_audience] [--corp=wwbench0000000001]
//                                  [--staff=5] [--concurrency=100] [--requests=5000] [--target=20]
//                                  [--route=profile|me]
//
// The real API (`APP_MODE=api`) runs as a child process on the seeded database. Sidebar sessions
// for a few staff members are minted as the server mints them (HS256, audience `sidebar`, the
// corp and the staff member, 30 minutes) with the API's JWT secret; each request asks for a
// random customer that one of those staff follows (an active relation), with that staff
// member's session, `--concurrency` requests in flight from keep-alive connections. A warm-up of
// 500 requests first (connections, the buffer pool), then `--requests` timed ones: p50/p95/p99,
// max and requests/s, over HTTP on loopback, JSON included. Exit 1 if the p95 is over --target.
//
// `--route=me` times `GET /api/sidebar/me` instead (the same guard, session check, rate limit and
// request log, with two primary-key reads): the floor under any profile implementation on this
// stack and machine.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { childProcesses, connectDb, freePort, runToEnd, waitFor } from './support.mjs';

const args = process.argv.slice(2);
const flag = (name, def) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(hit.indexOf('=') + 1) : def;
};
const DB_NAME = flag('db', 'scrm_bench_audience');
const CORP_ID = flag('corp', 'wwbench0000000001');
const STAFF = Number(flag('staff', 5));
const CONCURRENCY = Number(flag('concurrency', 100));
const REQUESTS = Number(flag('requests', 5000));
const TARGET_MS = Number(flag('target', 20));
const ROUTE = flag('route', 'profile');
if (!['profile', 'me'].includes(ROUTE)) throw new Error(`--route=${ROUTE}: profile or me`);
const WARMUP = 500;

const port = await freePort();
const env = {
  ...process.env,
  DB_NAME,
  PORT: String(port),
  APP_MODE: 'api',
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: process.env.SECRETS_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-sidebar-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  SYNC_ON_CORP_CREATE: 'false',
  // the per-session limit (600 a minute) would turn the benchmark's requests into 429s
  SIDEBAR_RATE_LIMIT_PER_MINUTE: '100000000',
  ENV_FILE: '/nonexistent',
};

/** A sidebar session as SidebarSessionService issues it (jsonwebtoken's HS256 with the secret). */
function sidebarToken(userId) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
    sub: userId,
    corpId: CORP_ID,
    aud: 'sidebar',
    at: now,
    iat: now,
    exp: now + 30 * 60,
  })}`;
  return `${body}.${createHmac('sha256', env.JWT_SECRET).update(body).digest('base64url')}`;
}

// migrations added since the seed run first (a no-op when there are none)
await runToEnd(env, ['server/dist/server/src/database/migrate.js', 'run']);

// the staff with the most customers would be unusual guides; take staff of ordinary size
const db = await connectDb(env, DB_NAME);
const [staffRows] = await db.query(
  `SELECT user_id AS userId FROM staff WHERE corp_id = ? AND customer_contact = 1
   ORDER BY user_id LIMIT ?`,
  [CORP_ID, STAFF],
);
const pairs = [];
for (const { userId } of staffRows) {
  const [rows] = await db.query(
    `SELECT external_user_id AS ext FROM follow_relation
     WHERE corp_id = ? AND user_id = ? AND status = 'active' ORDER BY RAND(7) LIMIT 2000`,
    [CORP_ID, userId],
  );
  for (const r of rows) pairs.push({ userId, ext: r.ext, token: sidebarToken(userId) });
}
await db.end();
if (!pairs.length) throw new Error(`no active relations of corp ${CORP_ID} in ${DB_NAME}`);
console.log(`[bench] ${staffRows.length} staff, ${pairs.length} customers they follow`);

const { child, stopChildren } = childProcesses(env);
// BENCH_CPU_PROF=<dir>: the API writes a V8 CPU profile there when it stops
const prof = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
  : [];
const api = child(
  'api',
  [...prof, 'server/dist/server/src/main.js'],
  {},
  process.env.BENCH_API_LOG ? 'inherit' : 'ignore',
);

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let seed = 20261201;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

function get(p) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path:
          ROUTE === 'me'
            ? '/api/sidebar/me'
            : `/api/sidebar/customers/${encodeURIComponent(p.ext)}`,
        headers: { authorization: `Bearer ${p.token}` },
        agent,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t;
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`${p.ext}: ${res.statusCode} ${body}`));
          else {
            JSON.parse(body);
            resolve(ms);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux, 100 ticks/s). */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
const dbPid = (() => {
  try {
    return Number(readFileSync('.services/mariadb.pid', 'utf8').trim());
  } catch {
    return NaN;
  }
})();

async function load(n) {
  const ms = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      ms.push(await get(pairs[Math.floor(rand() * pairs.length)]));
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ms, seconds: (performance.now() - t0) / 1000 };
}

let failed = false;
try {
  await waitFor(
    'the API',
    async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok,
    60_000,
  );
  await load(WARMUP);
  const cpu0 = { api: cpuSeconds(api.pid), db: cpuSeconds(dbPid), bench: process.cpuUsage() };
  const { ms, seconds } = await load(REQUESTS);
  const benchCpu = process.cpuUsage(cpu0.bench);
  // CPU a request costs each process: the load-independent part of the figure (the latency at
  // 100 in flight is 100 ÷ the rate the 2 cores allow, and the rate is cores ÷ CPU a request)
  const perRequest = (sec) => Number(((sec * 1000) / REQUESTS).toFixed(2));
  const cpuMs = {
    api: perRequest(cpuSeconds(api.pid) - cpu0.api),
    // MariaDB's figure includes whatever else the database serves at the time
    db: perRequest(cpuSeconds(dbPid) - cpu0.db),
    loadGenerator: perRequest((benchCpu.user + benchCpu.system) / 1e6),
  };
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const r = {
    route: ROUTE,
    requests: s.length,
    concurrency: CONCURRENCY,
    p50: Number(at(0.5).toFixed(1)),
    p95: Number(at(0.95).toFixed(1)),
    p99: Number(at(0.99).toFixed(1)),
    max: Number(s.at(-1).toFixed(1)),
    perSecond: Math.round(s.length / seconds),
    cpuMsPerRequest: cpuMs,
  };
  console.log(JSON.stringify(r));
  failed = r.p95 > TARGET_MS;
  console.log(
    failed ? `[bench] p95 over ${TARGET_MS} ms` : `[bench] p95 under ${TARGET_MS} ms: target met`,
  );
} catch (err) {
  console.error(err);
  failed = true;
} finally {
  agent.destroy();
  stopChildren();
}
process.exitCode = failed ? 1 : 0;
