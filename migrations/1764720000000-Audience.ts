import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audience filter (docs/audience.md):
 * - `customer.last_chat_at`: the customer's last chat interaction (written by the chat archive's
 *   ingestion through the customers module), indexed for the filter's "last chat" range.
 * - `follow_relation` idx_follow_customer_status: a customer's relations by status with their
 *   staff, added time and channel, so the filter's relation conditions are probed per customer
 *   from the index alone.
 * - `audience_segment` (客户分群): a named filter with its last count and when it was counted.
 * - `audience_export`: CSV exports of a filtered set, run as jobs (progress, file, error).
 */
export class Audience1764720000000 implements MigrationInterface {
  name = 'Audience1764720000000';

  public async up(q: QueryRunner): Promise<void> {
    const opts = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(
      `ALTER TABLE customer
         ADD COLUMN last_chat_at datetime(3) NULL COMMENT 'last chat interaction (chat archive)',
         ADD KEY idx_customer_last_chat (corp_id, last_chat_at)`,
    );
    await q.query(
      `ALTER TABLE follow_relation
         ADD KEY idx_follow_customer_status (corp_id, external_user_id, status, user_id, added_at, channel_id)`,
    );
    await q.query(`
      CREATE TABLE audience_segment (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        name varchar(64) NOT NULL,
        filter json NOT NULL,
        customer_count int unsigned NULL COMMENT 'last count, refreshed on demand',
        counted_at datetime(3) NULL,
        created_by varchar(64) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_segment_name (corp_id, name)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE audience_export (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        filter json NOT NULL,
        status enum('queued','running','done','failed') NOT NULL DEFAULT 'queued',
        done int unsigned NOT NULL DEFAULT 0,
        total int unsigned NULL,
        file_name varchar(255) NULL,
        bytes bigint unsigned NULL,
        error varchar(1000) NULL,
        created_by varchar(64) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        started_at datetime(3) NULL,
        finished_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY idx_export_corp (corp_id, created_at)
      ) ${opts}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audience_export');
    await q.query('DROP TABLE audience_segment');
    await q.query('ALTER TABLE follow_relation DROP KEY idx_follow_customer_status');
    await q.query('ALTER TABLE customer DROP KEY idx_customer_last_chat, DROP COLUMN last_chat_at');
  }
}
