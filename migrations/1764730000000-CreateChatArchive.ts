import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chat archive (会话内容存档, chat-archive/) and the chat rules (chat-rules/):
 *
 * - `chat_message`: one row per archived message, `msgid` unique per corp (replays are
 *   harmless), the searchable text apart from the message's own JSON, the customer whose history
 *   it is (a private chat's customer, a group message's customer sender); `rules_state` and the claim
 *   columns let the workers run the chat rules on every new message exactly once (claim, apply,
 *   settle; a dead worker's claim is taken back after its lease).
 * - (each customer's last chat time is `customer.last_chat_at`, the audience migration's column,
 *   written through the customers module with GREATEST: out-of-order batches never move it back)
 * - `chat_archive_setting`: per corp, the retention in days, the sidecar's ingest token (its
 *   SHA-256 only) and the puller's last seq.
 * - `chat_tag_rule`: keyword rules that mark tags; `chat_tag_rule_mark`: per rule × relation × tag, the
 *   newest message that rule marked it from (a mark removed by hand is not re-added by the same
 *   rule from that message or an older one).
 */
export class CreateChatArchive1764730000000 implements MigrationInterface {
  name = 'CreateChatArchive1764730000000';

  public async up(q: QueryRunner): Promise<void> {
    const opts = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE chat_message (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        msgid varchar(128) NOT NULL,
        seq bigint unsigned NULL COMMENT 'the archive seq, when the puller read it',
        action varchar(16) NOT NULL DEFAULT 'send',
        from_id varchar(64) NOT NULL DEFAULT '',
        tolist json NOT NULL,
        room_id varchar(64) NOT NULL DEFAULT '',
        customer_id varchar(64) NOT NULL DEFAULT '' COMMENT 'whose history: a private chat''s customer, a group message''s customer sender',
        msgtime bigint unsigned NOT NULL COMMENT 'ms since the epoch, as WeCom gives it',
        msgtype varchar(32) NOT NULL DEFAULT '',
        text mediumtext NULL COMMENT 'the text the rules read (text.content and the other types'' text fields)',
        content json NULL COMMENT 'the decrypted message as the archive gave it',
        rules_state tinyint unsigned NOT NULL DEFAULT 0 COMMENT '0 rules not yet run, 1 done',
        claim_token char(32) NULL,
        claimed_until datetime(3) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_chat_message_msgid (corp_id, msgid),
        KEY idx_chat_message_pending (corp_id, rules_state, id),
        KEY idx_chat_message_customer (corp_id, customer_id, msgtime, id),
        KEY idx_chat_message_time (corp_id, msgtime)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE chat_archive_setting (
        corp_id varchar(64) NOT NULL,
        retention_days int unsigned NOT NULL DEFAULT 180,
        ingest_token_sha256 char(64) NULL,
        ingest_token_hint varchar(8) NULL COMMENT 'the token''s first characters, to recognise it',
        pull_seq bigint unsigned NOT NULL DEFAULT 0 COMMENT 'last archive seq the puller stored',
        pulled_at datetime(3) NULL,
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id),
        UNIQUE KEY uq_chat_archive_token (ingest_token_sha256)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE chat_tag_rule (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        name varchar(64) NOT NULL,
        enabled tinyint NOT NULL DEFAULT 1,
        match_mode enum('any','all') NOT NULL DEFAULT 'any',
        keywords json NOT NULL,
        exclusions json NOT NULL,
        segmentation tinyint NOT NULL DEFAULT 0,
        custom_words json NOT NULL,
        senders json NOT NULL COMMENT '["customer"], ["staff"] or both',
        chat_types json NOT NULL COMMENT '["private"], ["group"] or both',
        department_ids json NULL COMMENT 'null: all staff',
        tag_ids json NOT NULL,
        hit_count bigint unsigned NOT NULL DEFAULT 0,
        last_hit_at datetime(3) NULL,
        version int unsigned NOT NULL DEFAULT 1,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY idx_chat_tag_rule_corp (corp_id, enabled)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE chat_tag_rule_mark (
        corp_id varchar(64) NOT NULL,
        rule_id bigint unsigned NOT NULL,
        external_user_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        tag_id varchar(64) NOT NULL,
        last_msgtime bigint unsigned NOT NULL COMMENT 'the newest message this rule marked the tag from',
        last_msgid varchar(128) NOT NULL,
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, rule_id, external_user_id, user_id, tag_id)
      ) ${opts}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['chat_tag_rule_mark', 'chat_tag_rule', 'chat_archive_setting', 'chat_message'])
      await q.query(`DROP TABLE ${t}`);
  }
}
