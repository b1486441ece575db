import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inheritance (离职/在职继承, server/src/transfers): departures seen (StaffDeparted or WeCom's
 * unassigned list), the unassigned customers WeCom lists, each transfer with its items (one per
 * customer or group) and the batches they go out in, and an audit of who started what. A batch is
 * written before its WeCom call (state `calling` while the call is out), so a worker killed at
 * any point resumes without sending a customer twice (see docs/transfers.md).
 */
export class CreateTransfers1764750000000 implements MigrationInterface {
  name = 'CreateTransfers1764750000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE transfer_departure (
         corp_id varchar(64) NOT NULL,
         user_id varchar(64) NOT NULL,
         departed_at datetime(3) NULL,
         via varchar(32) NOT NULL,
         seen_at datetime(3) NOT NULL,
         PRIMARY KEY (corp_id, user_id)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await q.query(
      `CREATE TABLE transfer_unassigned (
         corp_id varchar(64) NOT NULL,
         handover_user_id varchar(64) NOT NULL,
         external_user_id varchar(64) NOT NULL,
         dimission_time datetime(3) NULL,
         seen_at datetime(3) NOT NULL,
         PRIMARY KEY (corp_id, handover_user_id, external_user_id),
         KEY idx_transfer_unassigned_seen (corp_id, seen_at)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await q.query(
      `CREATE TABLE transfer (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         corp_id varchar(64) NOT NULL,
         kind enum('resigned','onjob') NOT NULL,
         handover_user_id varchar(64) NOT NULL,
         status enum('sending','tracking','finished') NOT NULL DEFAULT 'sending',
         message varchar(800) NULL,
         created_by varchar(64) NOT NULL,
         created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         finished_at datetime(3) NULL,
         next_poll_at datetime(3) NULL,
         poll_interval_ms int unsigned NOT NULL DEFAULT 0,
         poll_calls int unsigned NOT NULL DEFAULT 0,
         notified_at datetime(3) NULL,
         send_token varchar(32) NULL,
         send_lease_until datetime(3) NULL,
         PRIMARY KEY (id),
         KEY idx_transfer_corp (corp_id, created_at),
         KEY idx_transfer_poll (status, next_poll_at)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await q.query(
      `CREATE TABLE transfer_batch (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         transfer_id bigint unsigned NOT NULL,
         corp_id varchar(64) NOT NULL,
         item_type enum('customer','group') NOT NULL,
         takeover_user_id varchar(64) NOT NULL,
         state enum('pending','calling','done') NOT NULL DEFAULT 'pending',
         not_before datetime(3) NULL,
         called_at datetime(3) NULL,
         done_at datetime(3) NULL,
         created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         KEY idx_transfer_batch (transfer_id, state)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await q.query(
      `CREATE TABLE transfer_item (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         transfer_id bigint unsigned NOT NULL,
         corp_id varchar(64) NOT NULL,
         item_type enum('customer','group') NOT NULL,
         target_id varchar(64) NOT NULL,
         name varchar(128) NOT NULL DEFAULT '',
         takeover_user_id varchar(64) NULL,
         state enum('planned','sent','waiting','accepted','refused','limit_reached','failed','blocked')
           NOT NULL DEFAULT 'planned',
         batch_id bigint unsigned NULL,
         errcode int NULL,
         reason varchar(64) NULL,
         sentence varchar(255) NULL,
         takeover_at datetime(3) NULL,
         attempt smallint unsigned NOT NULL DEFAULT 1,
         carried_at datetime(3) NULL,
         updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         UNIQUE KEY uq_transfer_item (transfer_id, item_type, target_id),
         KEY idx_transfer_item_target (corp_id, item_type, target_id, state),
         KEY idx_transfer_item_state (transfer_id, state),
         KEY idx_transfer_item_batch (batch_id)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await q.query(
      `CREATE TABLE transfer_audit (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         corp_id varchar(64) NOT NULL,
         transfer_id bigint unsigned NULL,
         actor varchar(64) NOT NULL,
         action varchar(32) NOT NULL,
         detail json NULL,
         created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         KEY idx_transfer_audit (corp_id, created_at)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'transfer_audit',
      'transfer_item',
      'transfer_batch',
      'transfer',
      'transfer_unassigned',
      'transfer_departure',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
