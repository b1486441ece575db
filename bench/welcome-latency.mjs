// Welcome latency benchmark: the time from an add callback reaching the server to
// send_welcome_msg at the sandbox, while adds arrive at a steady rate and a bulk job runs
// (a full sync of a large sandbox corp, plus a backlog of other callback events).
//
//   npm run build -w server && npm run build -w wecom-sandbox
//   node bench/welcome-latency.mjs [adds/s=200] [seconds=20] [customers=20000] [topology=split]
//
// Needs MariaDB and Redis (scripts/services.sh start). Uses its own database `scrm_bench`. The
// sandbox runs in this process, so the moment WeCom receives send_welcome_msg is measured
// directly. Topology `all`: one server process (APP_MODE=all). `split`: the API, a worker for
// every queue but `welcome`, and a welcome worker (WORKER_QUEUES=welcome), as docs/scaling
// recommends.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { encrypt, getSignature } from '@wecom/crypto';
import { childProcesses, connectDb, freshDatabase, pidOnPort, procStats } from './support.mjs';

const require = createRequire(import.meta.url);
const { startSandbox } = require('../wecom-sandbox/dist/src/index.js');

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 20);
const customers = Number(process.argv[4] ?? 20000);
const topology = process.argv[5] ?? 'split';
// BENCH_BACKLOG: other callback events posted as a backlog during the run (default 5,000)
const backlogEvents = Number(process.env.BENCH_BACKLOG ?? 5000);
const apiPort = 3910;
const base = `http://127.0.0.1:${apiPort}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const env = {
  ...process.env,
  DB_NAME: 'scrm_bench',
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-welcome-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  ENV_FILE: '/nonexistent',
  PORT: String(apiPort),
};

const { child, stopChildren } = childProcesses(env);

/** The server's processes for the topology; returns them by name. */
function startServer() {
  // BENCH_PROFILE=dir: a V8 CPU profile of every server process, written when it exits
  const prof = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const main = [...prof, 'server/dist/server/src/main.js'];
  const worker = [...prof, 'server/dist/server/src/worker.js'];
  if (topology === 'all') return [child('all', main, { APP_MODE: 'all' })];
  const procs = [
    child('api', main, { APP_MODE: 'api' }),
    child('worker', worker, { WORKER_QUEUES: 'system,callback-events,sync,mirror,channels' }),
    child('welcome-worker', worker, { WORKER_QUEUES: 'welcome' }),
  ];
  // BENCH_NICE_BULK=n: the bulk worker at a lower CPU priority, as a deployment would run it
  if (process.env.BENCH_NICE_BULK)
    spawnSync('renice', ['-n', process.env.BENCH_NICE_BULK, '-p', String(procs[1].pid)]);
  return procs;
}

async function api(path, method = 'GET', body, token) {
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
}

async function main() {
  const sandbox = await startSandbox({
    port: 0,
    callbackUrl: `${base}/wecom/callback/{corpId}`,
    seed: { customers },
    config: { callbackConcurrency: 64, rateLimit: { perMinute: 100000, perHour: 1000000 } },
  });
  // when WeCom (the sandbox) receives each welcome, by welcome code
  const welcomedAt = new Map();
  const push = sandbox.state.welcomeMessages.push.bind(sandbox.state.welcomeMessages);
  sandbox.state.welcomeMessages.push = (...records) => {
    for (const r of records) welcomedAt.set(r.welcome_code, performance.now());
    return push(...records);
  };
  env.WECOM_BASE_URL = sandbox.url;
  await freshDatabase(env);
  const processes = startServer();
  const watched = [
    ...processes.map((p) => [p.benchName, p.pid]),
    ['bench+sandbox', process.pid],
    ['mariadb', await pidOnPort(Number(env.DB_PORT ?? 3306))],
    ['redis', await pidOnPort(Number(env.REDIS_PORT ?? 6379))],
  ].filter(([, pid]) => pid);
  const cpuBefore = new Map(watched.map(([name, pid]) => [name, procStats(pid)?.cpuS ?? 0]));
  const startedAt = performance.now();
  try {
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${base}/health`).catch(() => null))?.ok) break;
      await sleep(200);
    }
    const { accessToken: token } = await api('/api/auth/login', 'POST', {
      username: 'admin',
      password: env.ADMIN_INITIAL_PASSWORD,
    });
    const c = sandbox.corp;
    const creds = {
      name: c.corpName,
      agentId: c.agent.agentId,
      agentSecret: c.agent.secret,
      contactSecret: c.contactSecret,
      callbackToken: c.callback.token,
      encodingAESKey: c.callback.encodingAESKey,
    };
    await api('/api/admin/corps', 'POST', { corpId: c.corpId, ...creds }, token).catch(() =>
      api(`/api/admin/corps/${c.corpId}`, 'PATCH', creds, token),
    );
    const staff = sandbox.state.userList
      .filter((u) => u.customerContact && !u.welcomeMsgConfigured)
      .slice(0, 8)
      .map((u) => ({ userId: u.userid }));
    const channel = await api(
      '/api/admin/channels',
      'POST',
      {
        corpId: c.corpId,
        name: 'bench',
        type: 'multi',
        strategy: 'round_robin',
        staff,
        tagIds: [...sandbox.state.tags.keys()].slice(0, 1),
        welcome: {
          text: '{{name|朋友}}您好，欢迎！',
          attachments: [{ type: 'link', title: '新客礼', url: 'https://example.com/gift' }],
        },
      },
      token,
    );

    // the bulk work: a full sync of the corp, and a backlog of other callback events
    // BENCH_NO_BULK=1: the adds alone, for a baseline
    const bulk = !process.env.BENCH_NO_BULK;
    if (bulk)
      await api(`/api/admin/sync/${c.corpId}`, 'POST', {}, token).catch((e) => ({
        error: e.message,
      }));
    const backlog = (async () => {
      if (!bulk) return;
      const ids = [...sandbox.state.customers.keys()].slice(0, backlogEvents);
      for (let i = 0; i < ids.length; i += 50) {
        await Promise.all(
          ids.slice(i, i + 50).map((ext, j) => postEvent(c, `edit-${i + j}`, ext, 'zhangwei')),
        );
      }
    })();

    await sleep(500);
    // the sandbox shares this process: its event-loop delay says whether "WeCom" kept up
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const sent = [];
    const started = performance.now();
    const interval = 1000 / rate;
    for (let i = 0; i < rate * seconds; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const t0 = performance.now();
      post(
        `${sandbox.url}/sandbox/customers/scan`,
        'application/json',
        JSON.stringify({ configId: channel.configId }),
      )
        .then((b) => sent.push({ t0, code: JSON.parse(b).welcomeCode }))
        .catch(() => undefined);
    }
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      if (sent.length >= rate * seconds && sent.every((s) => !s.code || welcomedAt.has(s.code)))
        break;
      await sleep(200);
    }
    await backlog;
    const e2e = sent
      .filter((s) => s.code && welcomedAt.has(s.code))
      .map((s) => welcomedAt.get(s.code) - s.t0)
      .sort((a, b) => a - b);
    const missing = sent.filter((s) => s.code && !welcomedAt.has(s.code)).length;
    const counts = await api(`/api/admin/jobs/counts`, 'GET', undefined, token).catch(() => null);
    const inbox = await inboxCounts();
    // CPU share of each process over the run (1.0 = one core busy all the time)
    const wallS = (performance.now() - startedAt) / 1000;
    const cpu = Object.fromEntries(
      watched.map(([name, pid]) => [
        name,
        Math.round((((procStats(pid)?.cpuS ?? 0) - cpuBefore.get(name)) / wallS) * 100) / 100,
      ]),
    );
    const result = {
      topology,
      rate,
      seconds,
      customers,
      adds: sent.length,
      welcomed: e2e.length,
      missing,
      p50: Math.round(pct(e2e, 50)),
      p90: Math.round(pct(e2e, 90)),
      p99: Math.round(pct(e2e, 99)),
      max: Math.round(e2e[e2e.length - 1]),
      over20s: e2e.filter((x) => x > 20_000).length,
      // the server's own figure: callback received -> send_welcome_msg answered (channel_add)
      server: await serverSide(channel.id),
      wallS: Math.round(wallS),
      sandboxLoopDelayMs: {
        p50: Math.round(loopDelay.percentile(50) / 1e6),
        p99: Math.round(loopDelay.percentile(99) / 1e6),
        max: Math.round(loopDelay.max / 1e6),
      },
      cpu,
      syncAtEnd: bulk
        ? await api(`/api/admin/sync/${c.corpId}`, 'GET', undefined, token)
            .then((runs) =>
              runs.map((r) => ({ status: r.status, phase: r.phase, done: r.done, total: r.total })),
            )
            .catch((e) => e.message)
        : 'skipped',
      // Bull's queues (callback-events holds drain wake-ups, not events) and the inbox itself
      queuesAfter: counts,
      callbackInboxAfter: inbox,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    stopChildren();
    await sandbox.close();
  }
}

/** The callback inbox by status (the events themselves; Bull only carries wake-ups). */
async function inboxCounts() {
  const db = await connectDb(env, env.DB_NAME);
  try {
    const [rows] = await db.query('SELECT status, COUNT(*) AS n FROM callback_event GROUP BY 1');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } finally {
    await db.end();
  }
}

/** Welcome outcomes and latency percentiles from the journal of channel adds. */
async function serverSide(channelId) {
  const db = await connectDb(env, env.DB_NAME);
  try {
    const [byStatus] = await db.query(
      'SELECT welcome_status AS s, welcome_reason AS r, COUNT(*) AS n FROM channel_add WHERE channel_id = ? GROUP BY 1, 2',
      [channelId],
    );
    const [rows] = await db.query(
      'SELECT welcome_latency_ms AS ms FROM channel_add WHERE channel_id = ? AND welcome_latency_ms IS NOT NULL ORDER BY 1',
      [channelId],
    );
    const ms = rows.map((r) => r.ms);
    return {
      outcomes: byStatus.map((r) => `${r.s}${r.r ? `/${r.r}` : ''}: ${r.n}`),
      p50: pct(ms, 50),
      p90: pct(ms, 90),
      p99: pct(ms, 99),
      max: ms[ms.length - 1],
    };
  } finally {
    await db.end();
  }
}

/** A distinct, really signed and encrypted edit_external_contact event, posted as WeCom does. */
async function postEvent(c, tag, ext, userId) {
  const ts = String(Math.floor(Date.now() / 1000));
  const xml =
    `<xml><ToUserName><![CDATA[${c.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
    `<CreateTime>${ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>` +
    `<ChangeType><![CDATA[edit_external_contact]]></ChangeType><UserID><![CDATA[${userId}]]></UserID>` +
    `<ExternalUserID><![CDATA[${ext}]]></ExternalUserID><Bench><![CDATA[${tag}]]></Bench></xml>`;
  const enc = encrypt(c.callback.encodingAESKey, xml, c.corpId);
  const sig = getSignature(c.callback.token, ts, tag, enc);
  await post(
    `${base}/wecom/callback/${c.corpId}?msg_signature=${sig}&timestamp=${ts}&nonce=${tag}`,
    'text/xml',
    `<xml><ToUserName><![CDATA[${c.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`,
  ).catch(() => undefined);
}

// the load goes through node:http with keep-alive: fetch costs several times the CPU per request,
// which this process (it is also the sandbox) cannot spare
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POST; resolves with the answer's body. */
function post(url, contentType, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
