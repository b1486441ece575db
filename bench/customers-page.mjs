// Customer-list benchmark: GET /api/admin/customers on a corp seeded by bench/seed-customers.mjs
// (1,000,000 customers by default), through the real API process. Each scenario is timed per
// request (HTTP round trip on 127.0.0.1, the JSON included): the first page, 200 pages walked by
// cursor, a page from a cursor a year back (deep in the list: keyset, so no slower), by name,
// and the filters the console offers (a staff member, a channel state, a status, a name prefix,
// an added-between range). Prints p50 / p95 / max per scenario and fails (exit 1) when a p95 is
// over the target (300 ms).
//
//   npm run build -w server
//   eval "$(bash scripts/services.sh env)"
//   node bench/seed-customers.mjs 1000000          # once: database scrm_bench_customers
//   node bench/customers-page.mjs [--db=scrm_bench_customers] [--corp=wwbench0000000001] [--target=300]
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

  const page = async (query) => {
    const qs = new URLSearchParams({ corpId: CORP_ID, ...query });
    const t = performance.now();
    const res = await fetch(`${base}/api/admin/customers?${qs}`, { headers });
    const body = await res.json();
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`${qs}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
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
  // a cursor as the list hands out, a year back in the list (customers are spread over 2 years)
  const yearBack = Buffer.from(
    JSON.stringify(['addedAt', 'desc', Date.now() - 365 * 86_400_000, '18446744073709551615']),
  ).toString('base64url');

  await repeat({}, 5)(); // warm-up: connections, the buffer pool
  await run('first page (added time, newest first, 50)', repeat({}));
  await run('first page, limit 200', repeat({ limit: '200' }));
  await run('200 pages walked by cursor (50 each)', walk({}, 200));
  await run('a page a year back (deep keyset cursor)', repeat({ cursor: yearBack }));
  await run('by name, 50 pages walked', walk({ sort: 'name' }, 50));
  await run('oldest first, 20 pages walked', walk({ order: 'asc' }, 20));
  await run('one staff member (userId), 20 pages', walk({ userId: 'staff0001' }, 20));
  await run(
    'status deleted_by_customer (3 % of relations), 20 pages',
    walk({ status: 'deleted_by_customer' }, 20),
  );
  await run('name prefix 王, 20 pages', walk({ q: '王' }, 20));
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
  await run('added in the last 30 days, 20 pages', walk({ addedFrom: from }, 20));

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
