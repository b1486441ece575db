import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chat rules' pass keeps one cursor per corp instead of a state and a claim per message:
 *
 * - `chat_archive_pass`: per corp, the last chat_message id the rules ran on. One worker runs a
 *   corp's pass at a time (a Redis lease) and moves the cursor in the same transaction as the
 *   batch's writes: one row written per batch instead of 1,000 claims and 1,000 settles. A corp's
 *   ingest transactions take its chat_archive_setting row first, so its message ids are committed
 *   in id order and the cursor never passes a message still being inserted.
 * - chat_message loses `rules_state`, the claim columns and their index; `(corp_id, id)` serves
 *   the pass and the back-apply (`id > ?` in id order).
 *
 * The cursor starts before each corp's oldest message not yet run (or at its newest message).
 */
export class ChatRulesPassCursor1764820000000 implements MigrationInterface {
  name = 'ChatRulesPassCursor1764820000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE chat_archive_pass (
        corp_id varchar(64) NOT NULL,
        last_id bigint unsigned NOT NULL DEFAULT 0 COMMENT 'the last chat_message id the rules ran on',
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      INSERT INTO chat_archive_pass (corp_id, last_id)
      SELECT corp_id, COALESCE(MIN(CASE WHEN rules_state = 0 THEN id END) - 1, MAX(id))
      FROM chat_message GROUP BY corp_id`);
    await q.query(
      `ALTER TABLE chat_message
         ADD KEY idx_chat_message_corp (corp_id, id),
         DROP KEY idx_chat_message_pending,
         DROP COLUMN rules_state,
         DROP COLUMN claim_token,
         DROP COLUMN claimed_until`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE chat_message
         ADD COLUMN rules_state tinyint unsigned NOT NULL DEFAULT 0 COMMENT '0 rules not yet run, 1 done' AFTER content,
         ADD COLUMN claim_token char(32) NULL AFTER rules_state,
         ADD COLUMN claimed_until datetime(3) NULL AFTER claim_token,
         ADD KEY idx_chat_message_pending (corp_id, rules_state, id),
         DROP KEY idx_chat_message_corp`,
    );
    await q.query(
      `UPDATE chat_message m JOIN chat_archive_pass p ON p.corp_id = m.corp_id
       SET m.rules_state = 1 WHERE m.id <= p.last_id`,
    );
    await q.query('DROP TABLE chat_archive_pass');
  }
}
