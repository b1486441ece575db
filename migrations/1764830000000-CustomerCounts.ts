import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things the customer list and the dashboard need at a million customers (docs/audience.md):
 *
 * 1. The invariant "a customer's first_added_at is never later than any of their relations'
 *    added_at" (the mirror's writers keep it from now on), repaired on existing rows, so that a
 *    filter "added before X" can bound the customer index by `customer.added_at < X`.
 * 2. customer_count: customers per corp and class (customer-counts.rules.ts: a customer row,
 *    and a relation per status), in shards per class that concurrent writers pick at random;
 *    class 0 (shard 0, n 0) marks a corp as counted. Filled here for every corp the mirror has.
 */
export class CustomerCounts1764830000000 implements MigrationInterface {
  name = 'CustomerCounts1764830000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE customer c
       JOIN (SELECT corp_id, external_user_id, MIN(added_at) AS first
             FROM follow_relation WHERE added_at IS NOT NULL
             GROUP BY corp_id, external_user_id) v
         ON v.corp_id = c.corp_id AND v.external_user_id = c.external_user_id
       SET c.first_added_at = v.first
       WHERE c.first_added_at IS NULL OR c.first_added_at > v.first`,
    );
    await q.query(
      `CREATE TABLE customer_count (
         corp_id varchar(64) NOT NULL,
         mask tinyint unsigned NOT NULL COMMENT 'class: 1 active, 2 deleted by customer, 4 deleted by staff, 8 customer row',
         shard tinyint unsigned NOT NULL,
         n bigint NOT NULL DEFAULT 0 COMMENT 'a shard may be negative; the sum per class is not',
         PRIMARY KEY (corp_id, mask, shard)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `INSERT INTO customer_count (corp_id, mask, shard, n)
       SELECT corp_id, mask, 0, COUNT(*) FROM (
         SELECT corp_id, ext, BIT_OR(bits) AS mask FROM (
           SELECT corp_id, external_user_id AS ext,
                  CASE status WHEN 'active' THEN 1 WHEN 'deleted_by_customer' THEN 2
                              WHEN 'deleted_by_staff' THEN 4 ELSE 0 END AS bits
           FROM follow_relation
           UNION ALL
           SELECT corp_id, external_user_id, 8 FROM customer
         ) u GROUP BY corp_id, ext
       ) k WHERE mask <> 0 GROUP BY corp_id, mask`,
    );
    await q.query(
      `INSERT INTO customer_count (corp_id, mask, shard, n)
       SELECT corp_id, 0, 0, 0 FROM (
         SELECT id AS corp_id FROM corp UNION SELECT corp_id FROM customer
         UNION SELECT corp_id FROM follow_relation
       ) k`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE customer_count');
  }
}
