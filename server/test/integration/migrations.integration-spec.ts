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

  it('carries the watermarks of removed marks over as removals (TagMarkRemovals)', async () => {
    // back to before TagMarkRemovals (and any migration after it): the watermarks, one rule having
    // marked two tags on a relation, one of them removed since
    const applied = async () =>
      ((await ds.query('SELECT name FROM migrations')) as Array<{ name: string }>).map(
        (r) => r.name,
      );
    while ((await applied()).includes('TagMarkRemovals1764850000000'))
      await runMigrationCommand('revert', ds);
    const corp = 'wwmigrtest01';
    const sent = Date.UTC(2026, 10, 30, 8, 0, 0, 250);
    await ds.query(
      `INSERT INTO chat_tag_rule_mark
         (corp_id, rule_id, external_user_id, user_id, tag_id, last_msgtime, last_msgid)
       VALUES (?, 1, 'wmA', 'lina', 'etKept', ?, 'm1'), (?, 1, 'wmA', 'lina', 'etGone', ?, 'm2'),
              (?, 2, 'wmA', 'lina', 'etGone', ?, 'm0')`,
      [corp, sent, corp, sent, corp, sent - 5000],
    );
    await ds.query(
      `INSERT INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source)
       VALUES (?, 'wmA', 'lina', 'etKept', 'chat_rule')`,
      [corp],
    );
    await runMigrationCommand('run', ds);
    const rows = await ds.query(
      `SELECT tag_id AS tagId, removed_at AS at FROM customer_tag_removal WHERE corp_id = ?`,
      [corp],
    );
    // the removed one, at the newest message any rule had marked it from; the kept one is no removal
    expect(
      rows.map((r: { tagId: string; at: Date }) => [r.tagId, new Date(r.at).getTime()]),
    ).toEqual([['etGone', sent]]);
    await ds.query('DELETE FROM customer_tag WHERE corp_id = ?', [corp]);
    await ds.query('DELETE FROM customer_tag_removal WHERE corp_id = ?', [corp]);
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
