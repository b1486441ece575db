import type { Pool } from 'mysql2';
import { PoolAcquireTimeoutError, withAcquireTimeout } from './pool-deadlines';

type Callback = (err: Error | null, connection: { release: jest.Mock }) => void;

/** A pool whose connections are handed out when the test says so. */
function fakePool() {
  const waiting: Callback[] = [];
  const pool = { getConnection: (cb: Callback) => waiting.push(cb) };
  return { pool: pool as unknown as Pool, waiting };
}

const acquire = (pool: Pool) =>
  new Promise<unknown>((resolve, reject) =>
    pool.getConnection((err, c) => (err ? reject(err) : resolve(c))),
  );

describe('withAcquireTimeout', () => {
  it('fails a wait for a connection after the limit and puts the late connection back', async () => {
    const { pool, waiting } = fakePool();
    withAcquireTimeout(pool, 50);
    const started = Date.now();
    await expect(acquire(pool)).rejects.toBeInstanceOf(PoolAcquireTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const late = { release: jest.fn() };
    waiting[0](null, late);
    expect(late.release).toHaveBeenCalledTimes(1);
  });

  it('hands out a connection that comes in time, and passes errors through', async () => {
    const { pool, waiting } = fakePool();
    withAcquireTimeout(pool, 1000);
    const connection = { release: jest.fn() };
    const got = acquire(pool);
    waiting[0](null, connection);
    await expect(got).resolves.toBe(connection);
    expect(connection.release).not.toHaveBeenCalled();
    const failed = acquire(pool);
    waiting[1](new Error('Queue limit reached.'), connection);
    await expect(failed).rejects.toThrow('Queue limit reached.');
  });

  it('leaves the pool alone with a limit of 0', () => {
    const { pool } = fakePool();
    const original = pool.getConnection;
    expect(withAcquireTimeout(pool, 0).getConnection).toBe(original);
  });
});
