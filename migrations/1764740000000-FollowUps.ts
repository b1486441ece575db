import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notes and follow-up records (跟进记录) a guide writes on a customer in the sidebar, with an
 * optional next follow-up date; read newest first per customer.
 */
export class FollowUps1764740000000 implements MigrationInterface {
  name = 'FollowUps1764740000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE follow_up (
         id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
         corp_id VARCHAR(64) NOT NULL,
         external_user_id VARCHAR(64) NOT NULL,
         user_id VARCHAR(64) NOT NULL,
         kind ENUM('note','follow_up') NOT NULL,
         content TEXT NOT NULL,
         next_follow_up_at DATETIME(3) NULL,
         created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         KEY idx_follow_up_customer (corp_id, external_user_id, id),
         KEY idx_follow_up_next (corp_id, user_id, next_follow_up_at)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE follow_up');
  }
}
