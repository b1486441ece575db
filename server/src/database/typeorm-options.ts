import { join } from 'node:path';
import * as mysql2 from 'mysql2';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { AllConfig } from '../config/configuration';
import { withAcquireTimeout } from './pool-deadlines';
import { QueryLogger } from './query-logger';

/** Top-level migrations/ folder, both from src (ts-jest/swc) and from dist. */
export const MIGRATIONS_GLOB = join(__dirname, '../../../migrations/*.{ts,js}');
export const ENTITIES_GLOB = join(__dirname, '../**/*.entity.{ts,js}');

type DatabaseConfig = AllConfig['database'];
/** The connection settings; the timeouts default to the environment's defaults. */
export type DatabaseOptionsInput = Pick<
  DatabaseConfig,
  'host' | 'port' | 'username' | 'password' | 'database' | 'poolSize'
> &
  Partial<
    Pick<
      DatabaseConfig,
      'connectTimeoutMs' | 'acquireTimeoutMs' | 'poolQueueLimit' | 'queryTimeoutMs'
    >
  >;

/**
 * TypeORM on mysql2, with every wait bounded so that a hung MariaDB (a long lock, a stalled disk,
 * a frozen process) fails fast instead of piling requests up:
 * - `connectTimeoutMs`: a new connection's handshake (a frozen server still accepts TCP);
 * - `acquireTimeoutMs`: a query waiting for a free pool connection (mysql2 has no such option:
 *   see pool-deadlines.ts);
 * - `poolQueueLimit`: how many may wait for one at all (beyond: an error at once);
 * - `queryTimeoutMs`: a query without an answer (client side: TypeORM's `enableQueryTimeout`,
 *   mysql2's per-query `timeout`); 0 for migrations, which may legitimately run long.
 */
export function buildDataSourceOptions(db: DatabaseOptionsInput): DataSourceOptions {
  const connectTimeoutMs = db.connectTimeoutMs ?? 5000;
  const acquireTimeoutMs = db.acquireTimeoutMs ?? 10000;
  const queryTimeoutMs = db.queryTimeoutMs ?? 30000;
  return {
    type: 'mysql',
    // mysql2, with the acquire deadline on its pools
    connectorPackage: 'mysql2',
    driver: {
      ...mysql2,
      createPool: (config: mysql2.PoolOptions) =>
        withAcquireTimeout(mysql2.createPool(config), acquireTimeoutMs),
    },
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectTimeout: connectTimeoutMs,
    ...(queryTimeoutMs > 0
      ? {
          enableQueryTimeout: true,
          maxQueryExecutionTime: queryTimeoutMs,
          logger: new QueryLogger(),
        }
      : {}),
    entities: [ENTITIES_GLOB],
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { connectionLimit: db.poolSize, queueLimit: db.poolQueueLimit ?? 1000 },
  };
}
