import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel QR codes (渠道活码): the channel and its WeCom contact way, per-day assignment counters
 * (daily caps, round robin and weighted shares) and the journal of channel adds (one row per add,
 * which makes the welcome message, tags and counters idempotent under replays).
 */
export class CreateChannels1763900400000 implements MigrationInterface {
  name = 'CreateChannels1763900400000';

  public async up(q: QueryRunner): Promise<void> {
    const opts = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE channel (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        name varchar(64) NOT NULL,
        folder varchar(64) NOT NULL DEFAULT '',
        type enum('single','multi') NOT NULL COMMENT 'WeCom contact way type 1 / 2',
        strategy enum('round_robin','weighted','least_loaded') NOT NULL DEFAULT 'round_robin',
        skip_verify tinyint NOT NULL DEFAULT 1,
        staff json NOT NULL COMMENT 'pool: [{userId, weight, dailyCap, hours, backup}]',
        department_ids json NOT NULL,
        timezone varchar(64) NOT NULL DEFAULT 'Asia/Shanghai' COMMENT 'day boundary of caps and stats',
        tag_ids json NOT NULL,
        welcome json NULL COMMENT '{text, attachments[]}',
        remark_template varchar(64) NULL,
        expires_at datetime(3) NULL,
        state varchar(30) NOT NULL COMMENT 'contact way state: comes back in add_external_contact',
        config_id varchar(64) NULL,
        qr_code varchar(512) NULL,
        status enum('active','expired') NOT NULL DEFAULT 'active',
        pool_user_ids json NULL COMMENT 'members on the WeCom contact way now',
        pool_mode varchar(16) NULL,
        pool_synced_at datetime(3) NULL,
        pool_error varchar(500) NULL,
        created_by varchar(64) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        deleted_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_channel_state (corp_id, state),
        KEY idx_channel_corp (corp_id, deleted_at, folder)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE channel_staff_day (
        corp_id varchar(64) NOT NULL,
        channel_id bigint unsigned NOT NULL,
        user_id varchar(64) NOT NULL,
        day date NOT NULL COMMENT 'in the channel time zone',
        adds int unsigned NOT NULL DEFAULT 0,
        PRIMARY KEY (channel_id, day, user_id),
        KEY idx_channel_staff_day_corp (corp_id, day)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE channel_add (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        channel_id bigint unsigned NOT NULL,
        user_id varchar(64) NOT NULL,
        external_user_id varchar(64) NOT NULL,
        add_key varchar(128) NOT NULL COMMENT 'the WelcomeCode, or t<CreateTime> without one',
        change_type varchar(32) NOT NULL,
        event_id bigint unsigned NULL,
        event_time datetime(3) NOT NULL COMMENT 'WeCom CreateTime',
        received_at datetime(3) NOT NULL COMMENT 'when the callback reached the server',
        welcome_status enum('pending','sent','skipped','failed') NOT NULL DEFAULT 'pending',
        welcome_reason varchar(32) NULL,
        welcome_errcode int NULL,
        welcome_latency_ms int unsigned NULL COMMENT 'callback received -> send_welcome_msg answered',
        tags_marked_at datetime(3) NULL,
        tags_marked_ok tinyint NOT NULL DEFAULT 0,
        remarked_at datetime(3) NULL,
        attributed_at datetime(3) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_channel_add (corp_id, user_id, external_user_id, add_key),
        KEY idx_channel_add_channel (corp_id, channel_id, created_at)
      ) ${opts}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['channel_add', 'channel_staff_day', 'channel']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
