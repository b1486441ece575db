import type { Pool, PoolConnection, QueryError } from 'mysql2';

/** A query waited longer than DB_ACQUIRE_TIMEOUT_MS for a free connection of the pool. */
export class PoolAcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';

  constructor(ms: number) {
    super(`no database connection became free within ${ms} ms`);
  }
}

type GetConnectionCallback = (
  err: NodeJS.ErrnoException | QueryError | null,
  c: PoolConnection,
) => void;

/**
 * mysql2's pool waits for a free connection without limit (its `acquireTimeout` is mysqljs's,
 * ignored by mysql2). This bounds the wait: after `ms` the caller gets a PoolAcquireTimeoutError,
 * and a connection that turns up later goes back to the pool unused. `ms` 0 leaves the pool as is.
 */
export function withAcquireTimeout(pool: Pool, ms: number): Pool {
  if (ms <= 0) return pool;
  const getConnection = pool.getConnection.bind(pool) as (cb: GetConnectionCallback) => void;
  (pool as { getConnection: (cb: GetConnectionCallback) => void }).getConnection = (cb) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      cb(new PoolAcquireTimeoutError(ms), undefined as unknown as PoolConnection);
    }, ms);
    getConnection((err, connection) => {
      if (settled) {
        if (!err) connection.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      cb(err, connection);
    });
  };
  return pool;
}
