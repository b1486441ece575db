// Broadcast plan + fan-out benchmark: one customer broadcast to every customer of a corp seeded by
// bench/seed-customers.mjs (1,000,000 customers, ~1.1 M relations, 200 staff), sent now. Measures
// the time from the API's 201 to the plan being written (planned_at) and to every
// add_msg_template call being made (state `sent`), the worker's RSS every 200 ms
// (/proc/<pid>/status VmRSS), and the add_msg_template calls made against the minimum WeCom's
// limits allow (per sender: ceil(customers / 10,000)). WeCom is a stub on 127.0.0.1 that answers
// gettoken and add_msg_template and counts the calls and the external_userids (each must arrive
// once).
//
//   npm run build -w server
//   eval "$(bash scripts/services.sh env)"
//   SECRETS_ENCRYPTION_KEY=<key> node bench/seed-customers.mjs 1000000 --db=scrm_bench_broadcasts
//   node bench/broadcast-plan.mjs [--db=scrm_bench_broadcasts]   # any key: the corp's placeholder
//                                                               # secrets are sealed again with it
//
// The API and one worker run as child processes (APP_MODE=api, worker.js); both are stopped at
// the end. The database keeps the broadcast (re-run: another broadcast, same customers; the
// receive limit is set to `month` first so earlier runs exclude nobody).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import {
  childProcesses,
  connectDb,
  freePort,
  procStats,
  resealPlaceholderSecrets,
  runToEnd,
  sleep,
  waitFor,
} from './support.mjs';

const args = process.argv.slice(2);
const flag = (name, def) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(hit.indexOf('=') + 1) : def;
};
const DB_NAME = flag('db', 'scrm_bench_broadcasts');
const CORP_ID = flag('corp', 'wwbench0000000001');
const PASSWORD = 'bench-password-1';
process.env.SECRETS_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');

// ---- WeCom stub: counts add_msg_template calls and recipients
const seen = new Set();
let calls = 0;
let duplicates = 0;
let maxPerCall = 0;
const stub = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const path = new URL(req.url, 'http://x').pathname;
    let out = { errcode: 0, errmsg: 'ok' };
    if (path.endsWith('/gettoken'))
      out = { ...out, access_token: `tok${randomBytes(8).toString('hex')}`, expires_in: 7200 };
    else if (path.endsWith('/externalcontact/add_msg_template')) {
      const ids = JSON.parse(body).external_userid ?? [];
      calls++;
      maxPerCall = Math.max(maxPerCall, ids.length);
      for (const id of ids) {
        if (seen.has(id)) duplicates++;
        seen.add(id);
      }
      out = { ...out, fail_list: [], msgid: `msg${calls}_${randomBytes(6).toString('hex')}` };
    } else if (path.endsWith('/externalcontact/get_groupmsg_task'))
      out = { ...out, task_list: [], next_cursor: '' };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(out));
  });
});
const stubPort = await freePort();
await new Promise((r) => stub.listen(stubPort, '127.0.0.1', r));

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DB_NAME,
  PORT: String(port),
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  ADMIN_INITIAL_PASSWORD: PASSWORD,
  BULL_PREFIX: `bench-broadcasts-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  SYNC_ON_CORP_CREATE: 'false',
  ENV_FILE: '/nonexistent',
  WECOM_BASE_URL: `http://127.0.0.1:${stubPort}`,
  BROADCAST_POLL_INITIAL_MS: '3600000',
};
await runToEnd(env, ['server/dist/server/src/database/migrate.js', 'run']);
{
  const db = await connectDb(env, DB_NAME);
  await resealPlaceholderSecrets(db, CORP_ID, env.SECRETS_ENCRYPTION_KEY);
  await db.end();
}
const { child, stopChildren } = childProcesses(env);
const mib = (kb) => Math.round(kb / 1024);
let failed = false;
try {
  console.error(
    `[bench] load average before the run: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  child(
    'api',
    ['server/dist/server/src/main.js'],
    { APP_MODE: 'api' },
    process.env.BENCH_API_LOG ? 'inherit' : 'ignore',
  );
  const worker = child(
    'worker',
    ['server/dist/server/src/worker.js'],
    { APP_MODE: 'worker' },
    process.env.BENCH_WORKER_LOG ? 'inherit' : 'ignore',
  );
  await waitFor(
    'the API',
    async () => (await fetch(`${base}/health`).catch(() => null))?.ok,
    60_000,
  );
  const api = async (path, method = 'GET', body, token) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const { accessToken: token } = await api('/api/auth/login', 'POST', {
    username: 'admin',
    password: PASSWORD,
  });
  await api(
    '/api/admin/broadcasts/settings',
    'PUT',
    { corpId: CORP_ID, receiveLimit: 'month' },
    token,
  );
  await sleep(3000); // the worker's boot
  const rss = [];
  const sampler = setInterval(() => {
    const s = procStats(worker.pid);
    if (s) rss.push(s.rssKb);
  }, 200);
  const t0 = performance.now();
  const b = await api(
    '/api/admin/broadcasts',
    'POST',
    {
      corpId: CORP_ID,
      kind: 'customers',
      title: `bench ${new Date().toISOString()}`,
      audience: { type: 'filter', filter: {} },
      text: '百万客户群发基准',
    },
    token,
  );
  const tCreated = performance.now();
  let tPlanned;
  const done = await waitFor(
    'the broadcast to be sent',
    async () => {
      const cur = await api(
        `/api/admin/broadcasts/${b.id}?corpId=${CORP_ID}`,
        'GET',
        undefined,
        token,
      );
      if (!tPlanned && cur.plannedAt) tPlanned = performance.now();
      return ['sent', 'failed'].includes(cur.state) ? cur : undefined;
    },
    600_000,
  );
  const tSent = performance.now();
  clearInterval(sampler);
  const db = await connectDb(env, DB_NAME);
  const [senders] = await db.query(
    `SELECT sender_user_id AS s, COUNT(*) AS n FROM broadcast_recipient
     WHERE broadcast_id = ? AND task_seq IS NOT NULL GROUP BY sender_user_id`,
    [b.id],
  );
  await db.end();
  const minimum = senders.reduce((n, r) => n + Math.ceil(Number(r.n) / 10000), 0);
  const s = (ms) => (ms / 1000).toFixed(1);
  console.log(
    `broadcast ${b.id}: ${done.state}, ${done.plannedCount} recipients planned, ${done.excludedCount} excluded, ${done.taskCount} tasks`,
  );
  console.log(`create (201, incl. audience count): ${s(tCreated - t0)} s`);
  console.log(`plan written (planned_at seen): ${s((tPlanned ?? tSent) - t0)} s`);
  console.log(`all add_msg_template calls made (state sent): ${s(tSent - t0)} s`);
  console.log(
    `add_msg_template calls: ${calls} (minimum for ${senders.length} senders at 10,000 per call: ${minimum}; largest call ${maxPerCall})`,
  );
  console.log(
    `external_userids received by WeCom: ${seen.size} distinct, ${duplicates} duplicates`,
  );
  console.log(
    `worker RSS MiB: start ${mib(rss[0])}, max ${mib(Math.max(...rss))}, end ${mib(rss[rss.length - 1])} (${rss.length} samples)`,
  );
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  stopChildren();
  stub.close();
  await sleep(500);
  process.exit(failed ? 1 : 0);
}
