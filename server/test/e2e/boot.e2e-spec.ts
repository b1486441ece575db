import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../support/free-port';
import { spawnServerProcess, waitFor } from '../support/processes';

/** A missing or malformed variable stops the boot with a line naming it. */
describe('boot with a bad environment', () => {
  const base: NodeJS.ProcessEnv = { ...process.env, ENV_FILE: '/nonexistent/.env' };

  it('fails naming DB_HOST when it is missing', async () => {
    const { DB_HOST: _omit, ...env } = base;
    const proc = spawnServerProcess('main.js', env);
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/^Invalid environment variables:\n {2}- DB_HOST is missing/m);
  });

  it('fails naming REDIS_PORT when it is not a port, in the worker too', async () => {
    const proc = spawnServerProcess('worker.js', { ...base, REDIS_PORT: 'six' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/REDIS_PORT is invalid/);
    expect(proc.output()).not.toMatch(/DB_HOST/);
  });

  it('reads what the environment lacks from the .env file named by ENV_FILE', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scrm-env-')), '.env');
    writeFileSync(file, `DB_HOST=${process.env.DB_HOST}\nREDIS_HOST=${process.env.REDIS_HOST}\n`);
    const { DB_HOST: _db, REDIS_HOST: _redis, ...env } = base;
    const port = await freePort();
    const proc = spawnServerProcess('main.js', {
      ...env,
      ENV_FILE: file,
      PORT: String(port),
      APP_MODE: 'api',
    });
    try {
      const res = await waitFor('the API to be ready', async () => {
        const r = await request(`http://127.0.0.1:${port}`).get('/health/ready');
        return r.status === 200 ? r : undefined;
      });
      expect(res.body.status).toBe('ok');
    } finally {
      await proc.stop();
    }
  });
});
