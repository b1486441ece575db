import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer list is ordered by when the customer was added (newest first) and pages by
 * keyset on (added_at, id). `added_at` is the first relation's add time, or the row's creation
 * for a customer WeCom gave no add time: a virtual column, so no write path changes, with one
 * index per sort order the console offers (added time, name); InnoDB appends the primary key
 * to each, which makes the keyset's tie-breaker part of the index. The dashboard counts the
 * relations that ended per day: idx_follow_deleted serves that range.
 */
export class CustomerAddedAtOrder1764590000000 implements MigrationInterface {
  name = 'CustomerAddedAtOrder1764590000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer
         ADD COLUMN added_at datetime(3) AS (COALESCE(first_added_at, created_at)) VIRTUAL,
         ADD KEY idx_customer_added (corp_id, added_at, id)`,
    );
    await q.query('ALTER TABLE follow_relation ADD KEY idx_follow_deleted (corp_id, deleted_at)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE follow_relation DROP KEY idx_follow_deleted');
    await q.query('ALTER TABLE customer DROP KEY idx_customer_added, DROP COLUMN added_at');
  }
}
