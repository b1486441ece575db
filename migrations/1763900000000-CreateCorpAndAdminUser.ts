import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCorpAndAdminUser1763900000000 implements MigrationInterface {
  name = 'CreateCorpAndAdminUser1763900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE corp (
        id varchar(64) NOT NULL,
        name varchar(128) NOT NULL,
        agent_id int NOT NULL,
        agent_secret_sealed text NOT NULL,
        contact_secret_sealed text NULL,
        address_book_secret_sealed text NULL,
        callback_token_sealed text NOT NULL,
        encoding_aes_key_sealed text NOT NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE admin_user (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        username varchar(64) NOT NULL,
        display_name varchar(128) NOT NULL,
        password_hash varchar(100) NOT NULL,
        role enum('admin','manager','viewer') NOT NULL,
        corp_id varchar(64) NULL,
        disabled tinyint NOT NULL DEFAULT 0,
        last_login_at datetime(3) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_admin_user_username (username),
        KEY idx_admin_user_corp (corp_id),
        CONSTRAINT fk_admin_user_corp FOREIGN KEY (corp_id) REFERENCES corp (id) ON DELETE SET NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE admin_user');
    await q.query('DROP TABLE corp');
  }
}
