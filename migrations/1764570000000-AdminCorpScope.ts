import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corp-scoped admin accounts: an account is installation-wide (`installation_wide`, with its
 * `role` everywhere) or holds a role in each corp of `admin_user_corp`. `token_version` is in
 * every session token; bumping it (disable, role or scope change, password reset) ends them all.
 * `staff_console_role`: the console role an admin gave a WeCom member who signs in with WeCom's
 * web login (role NULL: no access any more; the row keeps the token version).
 */
export class AdminCorpScope1764570000000 implements MigrationInterface {
  name = 'AdminCorpScope1764570000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE admin_user
        ADD COLUMN installation_wide tinyint NOT NULL DEFAULT 0 AFTER role,
        ADD COLUMN token_version int unsigned NOT NULL DEFAULT 0 AFTER disabled`);
    await q.query('UPDATE admin_user SET installation_wide = 1 WHERE corp_id IS NULL');
    await q.query(`
      CREATE TABLE admin_user_corp (
        admin_user_id bigint unsigned NOT NULL,
        corp_id varchar(64) NOT NULL,
        role enum('admin','manager','viewer') NOT NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (admin_user_id, corp_id),
        KEY idx_admin_user_corp_corp (corp_id),
        CONSTRAINT fk_admin_user_corp_user FOREIGN KEY (admin_user_id) REFERENCES admin_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_admin_user_corp_corp FOREIGN KEY (corp_id) REFERENCES corp (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      INSERT INTO admin_user_corp (admin_user_id, corp_id, role)
      SELECT id, corp_id, role FROM admin_user WHERE corp_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE admin_user
        DROP FOREIGN KEY fk_admin_user_corp,
        DROP INDEX idx_admin_user_corp,
        DROP COLUMN corp_id`);
    await q.query(`
      CREATE TABLE staff_console_role (
        corp_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        role enum('admin','manager','viewer') NULL,
        token_version int unsigned NOT NULL DEFAULT 0,
        granted_by varchar(64) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, user_id),
        CONSTRAINT fk_staff_console_role_corp FOREIGN KEY (corp_id) REFERENCES corp (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE staff_console_role');
    await q.query(`
      ALTER TABLE admin_user
        ADD COLUMN corp_id varchar(64) NULL AFTER role,
        ADD KEY idx_admin_user_corp (corp_id),
        ADD CONSTRAINT fk_admin_user_corp FOREIGN KEY (corp_id) REFERENCES corp (id) ON DELETE SET NULL`);
    // a user of several corps keeps the first one (the old schema held one corp per user)
    await q.query(`
      UPDATE admin_user u
        JOIN (SELECT admin_user_id, MIN(corp_id) AS corp_id FROM admin_user_corp GROUP BY admin_user_id) c
          ON c.admin_user_id = u.id
        SET u.corp_id = c.corp_id`);
    await q.query('DROP TABLE admin_user_corp');
    await q.query(
      'ALTER TABLE admin_user DROP COLUMN installation_wide, DROP COLUMN token_version',
    );
  }
}
