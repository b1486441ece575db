import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './typeorm-options';

/**
 * `node migrate.js run|revert|revert-all|show`: applies or reverts the migrations in the
 * top-level migrations/ folder. Never synchronize.
 */
export async function runMigrationCommand(
  command: string,
  dataSource: DataSource,
): Promise<string[]> {
  const done: string[] = [];
  switch (command) {
    case 'run':
      for (const m of await dataSource.runMigrations({ transaction: 'each' }))
        done.push(`applied ${m.name}`);
      break;
    case 'revert':
      await dataSource.undoLastMigration({ transaction: 'each' });
      done.push('reverted the last migration');
      break;
    case 'revert-all':
      while ((await dataSource.query('SELECT COUNT(*) AS n FROM migrations'))[0].n > 0) {
        await dataSource.undoLastMigration({ transaction: 'each' });
        done.push('reverted one migration');
      }
      break;
    case 'show':
      done.push((await dataSource.showMigrations()) ? 'pending migrations exist' : 'up to date');
      break;
    default:
      throw new Error(`unknown command "${command}" (run | revert | revert-all | show)`);
  }
  return done;
}

/** `run` creates the database (utf8mb4) when it does not exist yet. */
async function createDatabaseIfMissing(db: ReturnType<typeof databaseConfig>): Promise<void> {
  const server = new DataSource({
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
  });
  await server.initialize();
  try {
    await server.query(
      `CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await server.destroy();
  }
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'run';
  const db = databaseConfig();
  if (command === 'run') await createDatabaseIfMissing(db);
  // no per-query timeout: a migration may rebuild a big table
  const dataSource = new DataSource(buildDataSourceOptions({ ...db, queryTimeoutMs: 0 }));
  await dataSource.initialize();
  try {
    const lines = await runMigrationCommand(command, dataSource);
    for (const line of lines) console.log(line);
    if (lines.length === 0) console.log('no migration to apply: the database is up to date');
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`migration failed: ${err.message}`);
    process.exit(1);
  });
}
