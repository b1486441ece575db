import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mark removed by hand stays removed: the chat rules may mark it again only from a message sent
 * after the removal.
 *
 * - `customer_tag_removal`: per relation × tag, when its mark was last removed (by a person in the
 *   console or the sidebar, or in WeCom: the mirror's removals). Written by the tags module with
 *   the removal; the rules read it for the customers of a batch (the primary key's customer
 *   prefix), a few rows, where the per-rule watermarks it replaces were written for every rule hit.
 * - `chat_tag_rule_mark` (per rule × relation × tag, the newest message the rule marked from) is
 *   dropped. Its rows whose mark is gone were removals: each becomes one at the newest message time
 *   any rule had marked it from, so what was kept out stays out.
 */
export class TagMarkRemovals1764850000000 implements MigrationInterface {
  name = 'TagMarkRemovals1764850000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_tag_removal (
        corp_id varchar(64) NOT NULL,
        external_user_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        tag_id varchar(64) NOT NULL,
        removed_at datetime(3) NOT NULL COMMENT 'when the mark was last removed: rules re-mark only from later messages',
        PRIMARY KEY (corp_id, external_user_id, user_id, tag_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // the server reads and writes datetimes as UTC (typeorm-options: timezone Z)
    await q.query("SET time_zone = '+00:00'");
    await q.query(`
      INSERT INTO customer_tag_removal (corp_id, external_user_id, user_id, tag_id, removed_at)
      SELECT w.corp_id, w.external_user_id, w.user_id, w.tag_id,
             FROM_UNIXTIME(MAX(w.last_msgtime) / 1000)
      FROM chat_tag_rule_mark w
      WHERE NOT EXISTS (SELECT 1 FROM customer_tag ct
                        WHERE ct.corp_id = w.corp_id AND ct.external_user_id = w.external_user_id
                          AND ct.user_id = w.user_id AND ct.tag_id = w.tag_id)
      GROUP BY w.corp_id, w.external_user_id, w.user_id, w.tag_id`);
    await q.query('DROP TABLE chat_tag_rule_mark');
  }

  /** The watermarks cannot be rebuilt (which rule saw which message): the table comes back empty. */
  public async down(q: QueryRunner): Promise<void> {
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
        PRIMARY KEY (corp_id, rule_id, external_user_id, user_id, tag_id),
        KEY idx_chat_tag_rule_mark_customer (corp_id, external_user_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query('DROP TABLE customer_tag_removal');
  }
}
