import { DataSource } from 'typeorm';
import { runMigrationCommand } from '../../src/database/migrate';
import { testDataSourceOptions } from '../support/test-database';

/** The migrations go up, all the way down, and up again on the real MariaDB. */
describe('migrations round trip', () => {
  let ds: DataSource;
  const tables = async () =>
    (
      (await ds.query(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations'`,
      )) as { t: string }[]
    )
      .map((r) => r.t)
      .sort();

  beforeAll(async () => {
    ds = new DataSource(testDataSourceOptions(2));
    await ds.initialize();
  });

  afterAll(async () => {
    await runMigrationCommand('run', ds);
    await ds.destroy();
  });

  it('reverts every migration, leaving no table, then re-applies them to the same schema', async () => {
    const migrated = await tables();
    expect(migrated).toEqual(expect.arrayContaining(['admin_user', 'corp']));
    const columnsBefore = await ds.query(
      `SELECT table_name, column_name, column_type FROM information_schema.columns
       WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
    );

    const reverted = await runMigrationCommand('revert-all', ds);
    expect(reverted.length).toBe(ds.migrations.length);
    expect(await tables()).toEqual([]);

    const applied = await runMigrationCommand('run', ds);
    expect(applied).toHaveLength(ds.migrations.length);
    expect(await tables()).toEqual(migrated);
    const columnsAfter = await ds.query(
      `SELECT table_name, column_name, column_type FROM information_schema.columns
       WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
    );
    expect(columnsAfter).toEqual(columnsBefore);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('uses utf8mb4 for Chinese names and emoji', async () => {
    await ds.query(
      `INSERT INTO corp (id, name, agent_id, agent_secret_sealed, callback_token_sealed, encoding_aes_key_sealed)
       VALUES ('wwutf8test01', '栖木生活 🌿', 1, 'x', 'x', 'x')`,
    );
    const [row] = await ds.query(`SELECT name FROM corp WHERE id = 'wwutf8test01'`);
    expect(row.name).toBe('栖木生活 🌿');
    await ds.query(`DELETE FROM corp WHERE id = 'wwutf8test01'`);
  });
});
