import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chat rules' worker reads the watermarks of a batch's customers at once (`WHERE corp_id = ?
 * AND external_user_id IN (…)`), beside their marks and relations. The primary key leads with
 * rule_id, so without this index that read scans the corp's watermarks. InnoDB builds it online.
 */
export class ChatRuleMarkCustomerIndex1764810000000 implements MigrationInterface {
  name = 'ChatRuleMarkCustomerIndex1764810000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE chat_tag_rule_mark
         ADD KEY idx_chat_tag_rule_mark_customer (corp_id, external_user_id),
         ALGORITHM=INPLACE, LOCK=NONE`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE chat_tag_rule_mark DROP KEY idx_chat_tag_rule_mark_customer');
  }
}
