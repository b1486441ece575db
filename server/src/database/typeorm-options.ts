import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { AllConfig } from '../config/configuration';

/** Top-level migrations/ folder, both from src (ts-jest/swc) and from dist. */
export const MIGRATIONS_GLOB = join(__dirname, '../../../migrations/*.{ts,js}');
export const ENTITIES_GLOB = join(__dirname, '../**/*.entity.{ts,js}');

export function buildDataSourceOptions(db: AllConfig['database']): DataSourceOptions {
  return {
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    entities: [ENTITIES_GLOB],
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { connectionLimit: db.poolSize },
  };
}
