// Customer-list benchmark: what the console's customers page calls, on a corp seeded by
// bench/seed-customers.mjs (1,000,000 customers by default), through the real API process: a
// page of the audience filter's keyset (POST /api/admin/customers/query, 50 a page) and the
// filter builder's live count (POST /api/admin/corps/:corpId/audience/count). Each scenario is
// timed per request (HTTP round trip on 127.0.0.1, the JSON included): the first page, 200 pages
// walked by cursor, customers added over a year ago, by name, oldest first, and the filters the
// console offers (a staff member, a relation status, a search, an added-since range). Prints p50
// / p95 / max per scenario and fails (exit 1) when a p95 is over the target (300 ms).
//
//   npm run build -w server
//   eval "$(bash scripts/services.sh env)"
//   node bench/seed-customers.mjs 1000000 --tags=2000 --marks=5000000 --db=scrm_bench_audience
//   node bench/customers-page.mjs --db=scrm_bench_audience [--corp=wwbench0000000001] [--target=300]
import { randomBytes } from 'node:crypto';
import { childProcesses, freePort, runToEnd, waitFor } from './support.mjs';

const args = process.argv.slice(2);
const flag = (name, def) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(hit.indexOf('=') + 1) : def;
};
const DB_NAME = flag('db', 'scrm_bench_customers');
const CORP_ID = flag('corp', 'wwbench0000000001');
const TARGET_MS = Number(flag('target', 300));
const PASSWORD = 'bench-password-1';

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DB_NAME,
  PORT: String(port),
  APP_MODE: 'api',
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: process.env.SECRETS_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: PASSWORD,
  BULL_PREFIX: `bench-customers-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  SYNC_ON_CORP_CREATE: 'false',
  ENV_FILE: '/nonexistent',
};
// migrations added since the seed run first (a no-op when there are none)
await runToEnd(env, ['server/dist/server/src/database/migrate.js', 'run']);
const { child, stopChildren } = childProcesses(env);
child(
  'api',
  ['server/dist/server/src/main.js'],
  {},
  process.env.BENCH_API_LOG ? 'inherit' : 'ignore',
);

let failed = false;
try {
  await waitFor(
    'the API',
    async () => (await fetch(`${base}/health`).catch(() => null))?.ok,
    60_000,
  );
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}` };

  // what the console's customers page calls (views/customers/list.vue): a page of the audience
  // filter's keyset (POST /api/admin/customers/query) and the builder's live count
  const post = async (path, body) => {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    const ms = performance.now() - t;
    if (!res.ok)
      throw new Error(`${path} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(json)}`);
    return { ms, body: json };
  };
  const page = ({ filter = {}, ...rest }) =>
    post('/api/admin/customers/query', { corpId: CORP_ID, filter, limit: 50, ...rest });
  const count = (filter) => post(`/api/admin/corps/${CORP_ID}/audience/count`, { filter });
  const stats = (ms) => {
    const s = [...ms].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return { n: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) };
  };
  const results = [];
  const run = async (name, fn) => {
    const ms = await fn();
    const r = { name, ...stats(ms) };
    results.push(r);
    console.log(
      `${name.padEnd(58)} n=${String(r.n).padStart(3)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(1).padStart(6)} ms`,
    );
  };
  const repeat =
    (query, n = 20) =>
    async () => {
      const out = [];
      for (let i = 0; i < n; i++) out.push((await page(query)).ms);
      return out;
    };
  const walk = (query, pages) => async () => {
    const out = [];
    let cursor;
    for (let i = 0; i < pages; i++) {
      const r = await page({ ...query, ...(cursor ? { cursor } : {}) });
      out.push(r.ms);
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
    return out;
  };
  const days = (n) => new Date(Date.now() - n * 86_400_000).toISOString();
  const counting =
    (filter, n = 10) =>
    async () => {
      const out = [];
      for (let i = 0; i < n; i++) out.push((await count(filter)).ms);
      return out;
    };

  await repeat({}, 5)(); // warm-up: connections, the buffer pool
  await run('first page (added time, newest first, 50)', repeat({}));
  await run('first page, limit 200', repeat({ limit: 200 }));
  await run('200 pages walked by cursor (50 each)', walk({}, 200));
  // an added-before bound deep in the list: the probes walk the sort index from the newest
  // customer down to the bound (about half the corp here), so only 3 runs
  await run('added over a year ago (first page)', repeat({ filter: { addedTo: days(365) } }, 3));
  await run('by name, 50 pages walked', walk({ sort: 'name' }, 50));
  await run('oldest first, 20 pages walked', walk({ order: 'asc' }, 20));
  await run(
    'one staff member (staffUserIds), 20 pages',
    walk({ filter: { staffUserIds: ['staff0001'] } }, 20),
  );
  await run(
    'relation deleted by the customer (3 %), 20 pages',
    walk({ filter: { relationStatus: ['deleted_by_customer'] } }, 20),
  );
  await run('search 王, 20 pages', walk({ filter: { search: '王' } }, 20));
  await run('added in the last 30 days, 20 pages', walk({ filter: { addedFrom: days(30) } }, 20));
  await run('live count, no filter', counting({}));
  await run('live count, one staff member', counting({ staffUserIds: ['staff0001'] }));

  const over = results.filter((r) => r.p95 > TARGET_MS);
  console.log(
    over.length
      ? `[bench] p95 over ${TARGET_MS} ms: ${over.map((r) => r.name).join('; ')}`
      : `[bench] every scenario's p95 is under ${TARGET_MS} ms`,
  );
  failed = over.length > 0;
} catch (err) {
  console.error(err);
  failed = true;
} finally {
  stopChildren();
}
process.exitCode = failed ? 1 : 0;
