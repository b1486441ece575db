// Process, port and polling helpers shared by the benchmarks that start the whole system
// (bench/full-sync.mjs, bench/callback-lag.mjs).
import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');

export const CLK_TCK = 100;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Child node processes with `env`; `stopChildren()` (also on SIGINT/SIGTERM) ends them all, so a
 * benchmark never leaves a server running.
 */
export function childProcesses(env) {
  const children = [];
  function child(name, args, extraEnv, stdout = 'ignore') {
    const p = spawn(process.execPath, args, {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', stdout, 'inherit'],
    });
    p.benchName = name;
    children.push(p);
    p.on('exit', (code, signal) => {
      if (!stopping) console.error(`[bench] ${name} exited early (${code ?? signal})`);
    });
    return p;
  }
  let stopping = false;
  function stopChildren() {
    stopping = true;
    for (const p of children) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
    setTimeout(() => {
      for (const p of children) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }, 5000).unref();
  }
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, () => {
      stopChildren();
      process.exit(130);
    });
  return { child, stopChildren };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function runToEnd(env, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args} exited ${code}`))));
  });
}

/** VmRSS in KiB and utime+stime in seconds of a process, or undefined once it is gone. */
export function procStats(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssKb, cpuS: (Number(f[11]) + Number(f[12])) / CLK_TCK };
  } catch {
    return undefined;
  }
}

/** The pid listening on a local TCP port (MariaDB, Redis), if `ss -p` may show it. */
export async function pidOnPort(port) {
  const out = await new Promise((resolve) => {
    const p = spawn('ss', ['-ltnpH'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let s = '';
    p.stdout.on('data', (d) => (s += d));
    p.on('exit', () => resolve(s));
    p.on('error', () => resolve(''));
  });
  const line = out.split('\n').find((l) => new RegExp(`:${port}\\s`).test(l));
  const m = line && /pid=(\d+)/.exec(line);
  return m ? Number(m[1]) : undefined;
}

export async function waitFor(what, fn, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** A mysql2 connection with the benchmark's credentials, to `database` when given. */
export function connectDb(env, database) {
  return mysql.createConnection({
    host: env.DB_HOST,
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    ...(database ? { database } : {}),
  });
}

/** Drops `env.DB_NAME` and migrates it afresh. */
export async function freshDatabase(env) {
  const db = await connectDb(env);
  await db.query(`DROP DATABASE IF EXISTS \`${env.DB_NAME}\``);
  await db.end();
  await runToEnd(env, ['server/dist/server/src/database/migrate.js', 'run']);
}

/**
 * The whole system for a benchmark, on `env.DB_NAME` dropped and migrated afresh: the sandbox
 * (with `customers` customers), the API and one worker as child processes, the admin signed in
 * and the sandbox's demo corp registered. `api(path, method, body)` calls the admin API.
 */
export async function startBenchStack(env, child, customers) {
  await freshDatabase(env);

  const apiPort = await freePort();
  const base = `http://127.0.0.1:${apiPort}`;
  const t0Sandbox = performance.now();
  const sandboxProc = child(
    'sandbox',
    ['wecom-sandbox/dist/src/main.js'],
    {
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_CUSTOMERS: String(customers),
      SANDBOX_CALLBACK_URL: `${base}/wecom/callback/{corpId}`,
    },
    'pipe',
  );
  const sandboxUrl = await new Promise((resolve, reject) => {
    let buf = '';
    sandboxProc.stdout.on('data', (d) => {
      buf += d;
      const m = /listening on (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    sandboxProc.on('exit', () => reject(new Error('sandbox did not start')));
  });
  sandboxProc.stdout.resume();
  const sandboxSeedS = (performance.now() - t0Sandbox) / 1000;
  const corp = JSON.parse(readFileSync('wecom-sandbox/seed/demo-corp.json', 'utf8'));

  const serverEnv = { WECOM_BASE_URL: sandboxUrl, PORT: String(apiPort) };
  const apiProc = child('api', ['server/dist/server/src/main.js'], {
    ...serverEnv,
    APP_MODE: 'api',
  });
  // BENCH_PROFILE=dir: a V8 CPU profile of the worker, written when it exits
  const prof = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const workerProc = child('worker', [...prof, 'server/dist/server/src/worker.js'], serverEnv);
  await waitFor('the API', async () => (await fetch(`${base}/health`)).ok, 60_000);

  let token;
  const api = async (path, method = 'GET', body) => {
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
  ({ accessToken: token } = await api('/api/auth/login', 'POST', {
    username: 'admin',
    password: env.ADMIN_INITIAL_PASSWORD,
  }));
  await api('/api/admin/corps', 'POST', {
    corpId: corp.corpId,
    name: corp.corpName,
    agentId: corp.agent.agentId,
    agentSecret: corp.agent.secret,
    contactSecret: corp.contactSecret,
    addressBookSecret: corp.addressBookSecret,
    callbackToken: corp.callback.token,
    encodingAESKey: corp.callback.encodingAESKey,
  });
  return { base, sandboxUrl, sandboxSeedS, sandboxProc, apiProc, workerProc, corp, api };
}

/** The server's SecretBox format: v1:<iv>:<tag>:<ciphertext>, AES-256-GCM. */
export function seal(key, plain) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ct]
    .map((p) => (p === 'v1' ? p : p.toString('base64')))
    .join(':');
}

/**
 * Seals a seeded corp's placeholder secrets again with `keyBase64` (the WeCom of a benchmark is a
 * stub that takes any secret): a benchmark on a seeded database then runs with any
 * SECRETS_ENCRYPTION_KEY, not only the one the seed happened to use.
 */
export async function resealPlaceholderSecrets(db, corpId, keyBase64) {
  const key = Buffer.from(keyBase64, 'base64');
  await db.query(
    `UPDATE corp SET agent_secret_sealed = ?, contact_secret_sealed = NULL,
       address_book_secret_sealed = NULL, callback_token_sealed = ?, encoding_aes_key_sealed = ?
     WHERE id = ?`,
    [seal(key, 'placeholder'), seal(key, 'placeholder'), seal(key, 'x'.repeat(43)), corpId],
  );
}
