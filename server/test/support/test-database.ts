import { buildDataSourceOptions } from '../../src/database/typeorm-options';

/** The test run's MariaDB (started and migrated by global-setup), as TypeORM options. */
export function testDataSourceOptions(poolSize = 10) {
  return buildDataSourceOptions({
    host: process.env.DB_HOST!,
    port: Number(process.env.DB_PORT ?? 3306),
    username: process.env.DB_USER!,
    password: process.env.DB_PASSWORD ?? '',
    database: process.env.DB_NAME!,
    poolSize,
  });
}
