import { spawnServerProcess } from '../support/processes';

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
});
