import { dbServerConnection } from './db-server';

/** Drops this run's database unless KEEP_TEST_DB=1 (to inspect it after a failure). */
export default async function globalTeardown(): Promise<void> {
  const dbName = process.env.DB_NAME;
  if (!dbName?.startsWith('scrm_test_') || process.env.KEEP_TEST_DB === '1') return;
  const admin = await dbServerConnection().initialize();
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.destroy();
}
