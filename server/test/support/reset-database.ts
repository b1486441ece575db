import { DataSource } from 'typeorm';

/**
 * Tables that survive a reset: the migration log and the admin users (the seeded admin). The
 * corps of scoped users (admin_user_corp) go with the corps.
 */
const KEEP = new Set(['migrations', 'admin_user']);

/**
 * Empties every table of the test database, so each e2e suite starts from a clean mirror while
 * sharing the run's database (immich's resetDatabase). Admin users are kept.
 */
export async function resetDatabase(db: DataSource): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const tables: { t: string }[] = await runner.query(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`,
    );
    await runner.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { t } of tables) if (!KEEP.has(t)) await runner.query(`TRUNCATE TABLE \`${t}\``);
    await runner.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await runner.release();
  }
}
