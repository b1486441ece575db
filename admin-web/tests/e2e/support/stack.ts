import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from '@scrm/web-shared/e2e/global-setup';

/**
 * The real system for the browser tests: a throwaway MariaDB database (migrated), the WeCom
 * sandbox, and the API server with its worker (APP_MODE=all) from the built `server/dist`,
 * the sandbox's demo corp registered and synced, and one account per role. Needs MariaDB and
 * Redis (scripts/services.sh: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, REDIS_HOST, REDIS_PORT)
 * and the built server and sandbox (`npm test` builds them first).
 */
export interface RealStack {
  apiUrl: string;
  sandboxUrl: string;
  corpId: string;
  corpName: string;
  dbName: string;
  accounts: Record<'admin' | 'manager' | 'viewer', { username: string; password: string }>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real stack, or null when it could not start here (the reason is in `stackSkipped`). */
    stack: RealStack | null;
    stackSkipped: string;
  }
}

export interface StartedStack {
  stack: RealStack;
  stop: () => Promise<void>;
}

/** Why the real stack cannot run on this machine, or null when it can. */
export function stackUnavailable(repoRoot: string): string | null {
  if (process.env.SCRM_E2E_REAL === '0') return 'SCRM_E2E_REAL=0';
  for (const key of ['DB_HOST', 'DB_USER', 'REDIS_HOST']) {
    if (!process.env[key]) return `${key} is not set (eval "$(bash scripts/services.sh start)")`;
  }
  for (const file of ['server/dist/server/src/main.js', 'wecom-sandbox/dist/src/main.js']) {
    if (!existsSync(resolve(repoRoot, file))) return `${file} is not built`;
  }
  return null;
}

/** Polls `probe` until it returns something other than null (errors count as not yet). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

async function api<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** The sandbox's demo corp: what its admin would copy from WeCom's admin console. */
export function demoCorp(repoRoot: string) {
  return JSON.parse(
    readFileSync(resolve(repoRoot, 'wecom-sandbox/seed/demo-corp.json'), 'utf8'),
  ) as {
    corpId: string;
    corpName: string;
    agent: { agentId: number; secret: string };
    contactSecret: string;
    addressBookSecret: string;
    callback: { token: string; encodingAESKey: string };
  };
}

function dbOptions() {
  return {
    host: process.env.DB_HOST!,
    port: Number(process.env.DB_PORT ?? 3306),
    user: process.env.DB_USER!,
    password: process.env.DB_PASSWORD ?? '',
  };
}

/** A connection to the stack's database, for comparing what the console shows with SQL. */
export function stackDb(stack: Pick<RealStack, 'dbName'>) {
  return createConnection({ ...dbOptions(), database: stack.dbName, timezone: 'Z' });
}

export interface StackOptions {
  /**
   * A fresh installation: no admin (no ADMIN_INITIAL_PASSWORD) and no corp. `accounts.admin` is
   * then the account the test creates in the wizard; the manager and viewer do not exist.
   */
  fresh?: boolean;
}

export async function startRealStack(
  repoRoot: string,
  logDir: string,
  options: StackOptions = {},
): Promise<StartedStack> {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dbName = `scrm_web_e2e_${run}`;
  const db = dbOptions();
  const admin = await createConnection(db);
  await admin.query(
    `CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await admin.end();

  const [apiPort, sandboxPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const password = (role: string) => `${role}-${randomBytes(6).toString('hex')}`;
  const accounts = {
    admin: { username: 'admin', password: password('admin') },
    manager: { username: 'e2e.manager', password: password('manager') },
    viewer: { username: 'e2e.viewer', password: password('viewer') },
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ENV_FILE: resolve(logDir, 'none.env'),
    APP_MODE: 'all',
    PORT: String(apiPort),
    PUBLIC_BASE_URL: apiUrl,
    DB_NAME: dbName,
    BULL_PREFIX: `web-e2e-${run}`,
    JWT_SECRET: randomBytes(36).toString('base64'),
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_INITIAL_USERNAME: accounts.admin.username,
    ADMIN_INITIAL_PASSWORD: accounts.admin.password,
    WECOM_BASE_URL: sandboxUrl,
    WECOM_OAUTH_BASE_URL: sandboxUrl,
    WECOM_LOGIN_BASE_URL: sandboxUrl,
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_CUSTOMERS: '12',
    SANDBOX_CALLBACK_URL: `${apiUrl}/wecom/callback/{corpId}`,
    SWAGGER_ENABLED: 'false',
    JOB_BACKOFF_MS: '200',
    // every browser test signs in from 127.0.0.1: the production limit (10 a minute per address)
    // would answer 429 to a run's later files; the limit itself is tested by the server's e2e
    LOGIN_RATE_LIMIT_PER_MINUTE: '600',
    CHAT_ARCHIVE_PULL_ENABLED: 'true', // the sandbox stands in for the chat archive SDK
  };
  if (options.fresh) {
    delete env.ADMIN_INITIAL_USERNAME;
    delete env.ADMIN_INITIAL_PASSWORD;
  }

  const corp = demoCorp(repoRoot);
  mkdirSync(logDir, { recursive: true });
  const migrate = spawnSync(
    process.execPath,
    [resolve(repoRoot, 'server/dist/server/src/database/migrate.js'), 'run'],
    { env, cwd: repoRoot, encoding: 'utf8' },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);

  const children: ChildProcess[] = [];
  const start = (name: string, script: string) => {
    const log = openSync(resolve(logDir, `${name}.log`), 'w');
    const child = spawn(process.execPath, [resolve(repoRoot, script)], {
      env,
      cwd: repoRoot,
      stdio: ['ignore', log, log],
    });
    children.push(child);
  };
  start('sandbox', 'wecom-sandbox/dist/src/main.js');
  start('api', 'server/dist/server/src/main.js');

  const stop = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const timer = setTimeout(() => (child.kill('SIGKILL'), done()), 10_000);
            child.once('exit', () => (clearTimeout(timer), done()));
          }),
      ),
    );
    const conn = await createConnection(db);
    await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await conn.end();
  };

  try {
    await waitFor('the sandbox', async () =>
      (await fetch(`${sandboxUrl}/sandbox/config`)).ok ? true : null,
    );
    await waitFor('the API', async () =>
      (await fetch(`${apiUrl}/health/ready`)).ok ? true : null,
    );

    const stack = {
      apiUrl,
      sandboxUrl,
      corpId: corp.corpId,
      corpName: corp.corpName,
      dbName,
      accounts,
    };
    if (options.fresh) return { stack, stop };

    const { accessToken: token } = await api<{ accessToken: string }>(`${apiUrl}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify(accounts.admin),
    });
    for (const role of ['manager', 'viewer'] as const) {
      await api(`${apiUrl}/api/admin/users`, {
        method: 'POST',
        token,
        body: JSON.stringify({
          ...accounts[role],
          displayName: role === 'manager' ? '运营小李' : '只读小王',
          role,
        }),
      });
    }
    await api(`${apiUrl}/api/admin/corps`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        corpId: corp.corpId,
        name: corp.corpName,
        agentId: corp.agent.agentId,
        agentSecret: corp.agent.secret,
        contactSecret: corp.contactSecret,
        addressBookSecret: corp.addressBookSecret,
        callbackToken: corp.callback.token,
        encodingAESKey: corp.callback.encodingAESKey,
      }),
    });
    // the corp's first sync (started by the registration): staff and tags are there
    await waitFor('the first sync', async () => {
      const staff = await api<unknown[]>(`${apiUrl}/api/admin/staff?corpId=${corp.corpId}`, {
        token,
      });
      const tags = await api<unknown[]>(`${apiUrl}/api/admin/tags?corpId=${corp.corpId}`, {
        token,
      });
      return staff.length > 0 && tags.length > 0 ? true : null;
    });
    return { stack, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Acts out a person in WeCom: `POST {sandbox}/sandbox{path}`. */
export async function act<T = unknown>(stack: RealStack, path: string, body: unknown): Promise<T> {
  return api<T>(`${stack.sandboxUrl}/sandbox${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
}

/** Signs in through the API (for reading what the test needs, not what it tests). */
export async function apiToken(
  stack: RealStack,
  role: keyof RealStack['accounts'],
): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>(`${stack.apiUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(stack.accounts[role]),
  });
  return accessToken;
}

export async function apiGet<T>(stack: RealStack, path: string, token: string): Promise<T> {
  return api<T>(`${stack.apiUrl}${path}`, { token });
}
