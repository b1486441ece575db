import { DataSource } from 'typeorm';

/** Drops this run's database unless KEEP_TEST_DB=1 (to inspect it after a failure). */
export default async function globalTeardown(): Promise<void> {
  const dbName = process.env.DB_NAME;
  if (!dbName?.startsWith('scrm_test_') || process.env.KEEP_TEST_DB === '1') return;
  const admin = new DataSource({
    type: 'mysql',
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT ?? 3306),
    username: process.env.DB_USER,
    password: process.env.DB_PASSWORD ?? '',
  });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.destroy();
}
