import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCallbackEvent1763900100000 implements MigrationInterface {
  name = 'CreateCallbackEvent1763900100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE callback_event (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        dedupe_key char(64) NOT NULL,
        event varchar(64) NOT NULL,
        change_type varchar(64) NOT NULL DEFAULT '',
        create_time int unsigned NOT NULL,
        payload json NOT NULL,
        status enum('pending','processing','done','skipped','failed') NOT NULL DEFAULT 'pending',
        attempts smallint unsigned NOT NULL DEFAULT 0,
        last_error varchar(1000) NULL,
        received_at datetime(3) NOT NULL,
        processed_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_callback_event_dedupe (corp_id, dedupe_key),
        KEY idx_callback_event_corp_received (corp_id, received_at),
        KEY idx_callback_event_corp_type (corp_id, event, change_type, id),
        KEY idx_callback_event_status (status, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE callback_event');
  }
}
