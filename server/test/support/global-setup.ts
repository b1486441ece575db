import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { dbServerConnection } from './db-server';
import { ensureTestEnv } from './test-env';

/** Creates a throwaway database for this run, migrates it once, and gives Bull its own prefix. */
export default async function globalSetup(): Promise<void> {
  ensureTestEnv();
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dbName = `scrm_test_${run}`;
  const admin = await dbServerConnection().initialize();
  await admin.query(
    `CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await admin.destroy();

  process.env.DB_NAME = dbName;
  process.env.BULL_PREFIX = `test-${run}`;
  const ds = new DataSource(
    buildDataSourceOptions({
      host: process.env.DB_HOST!,
      port: Number(process.env.DB_PORT ?? 3306),
      username: process.env.DB_USER!,
      password: process.env.DB_PASSWORD ?? '',
      database: dbName,
      poolSize: 5,
    }),
  );
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
