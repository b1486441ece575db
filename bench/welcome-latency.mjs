// Welcome latency benchmark: the time from an add callback reaching the server to
// send_welcome_msg at the sandbox, while adds arrive at a steady rate and a bulk job runs
// (a full sync of a large sandbox corp, plus a backlog of other callback events).
//
//   npm run build -w server && npm run build -w wecom-sandbox
//   node bench/welcome-latency.mjs [adds/s=200] [seconds=20] [customers=20000]
//
// Needs MariaDB and Redis (scripts/services.sh start). Uses its own database `scrm_bench`. The
// server runs as one process with API and worker (APP_MODE=all); the sandbox runs in this process,
// so the moment WeCom receives send_welcome_msg is measured directly. Needs the callback ingest
// path to call ChannelWelcomeService.onContactAdded (see docs/channels.md).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { encrypt, getSignature } from '@wecom/crypto';

const require = createRequire(import.meta.url);
const { startSandbox } = require('../wecom-sandbox/dist/src/index.js');

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 20);
const customers = Number(process.argv[4] ?? 20000);
const apiPort = 3910;
const base = `http://127.0.0.1:${apiPort}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const env = {
  ...process.env,
  DB_NAME: 'scrm_bench',
  APP_MODE: 'all',
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-welcome-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  ENV_FILE: '/nonexistent',
  PORT: String(apiPort),
};

function run(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { env, stdio: 'inherit' });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args} exited ${code}`))));
  });
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
  await run(['server/dist/server/src/database/migrate.js', 'run']);
  const server = spawn(process.execPath, ['server/dist/server/src/main.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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
    const sync = api(`/api/admin/sync/${c.corpId}`, 'POST', {}, token).catch((e) => ({
      error: e.message,
    }));
    const backlog = (async () => {
      const ids = [...sandbox.state.customers.keys()].slice(0, 5000);
      for (let i = 0; i < ids.length; i += 50) {
        await Promise.all(
          ids.slice(i, i + 50).map((ext, j) => postEvent(c, `edit-${i + j}`, ext, 'zhangwei')),
        );
      }
    })();

    await sleep(500);
    const sent = [];
    const started = performance.now();
    const interval = 1000 / rate;
    for (let i = 0; i < rate * seconds; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const t0 = performance.now();
      fetch(`${sandbox.url}/sandbox/customers/scan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ configId: channel.configId }),
      })
        .then((res) => res.json())
        .then((b) => sent.push({ t0, code: b.welcomeCode }))
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
    const result = {
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
      sync: await Promise.race([sync, sleep(10).then(() => 'running')]),
      callbackBacklogAfter: counts,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    server.kill();
    await sandbox.close();
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
  await fetch(
    `${base}/wecom/callback/${c.corpId}?msg_signature=${sig}&timestamp=${ts}&nonce=${tag}`,
    {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<xml><ToUserName><![CDATA[${c.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`,
    },
  ).catch(() => undefined);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
