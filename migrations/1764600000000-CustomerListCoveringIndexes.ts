import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer list's sort indexes carry the external_user_id after the keyset's (key, id): a
 * page filtered by a relation (a staff member, a status, an added range) walks the index and
 * probes uq_follow_pair per customer without reading the customer rows (0.25 s → 0.1 s a page for
 * one staff member of 200 at 1,000,000 customers, docs/benchmarks.md). Same names, so the
 * repository's FORCE INDEX hints keep working; idx_customer_name still serves the name-prefix
 * search.
 */
export class CustomerListCoveringIndexes1764600000000 implements MigrationInterface {
  name = 'CustomerListCoveringIndexes1764600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer
         DROP KEY idx_customer_added,
         ADD KEY idx_customer_added (corp_id, added_at, id, external_user_id),
         DROP KEY idx_customer_name,
         ADD KEY idx_customer_name (corp_id, name, id, external_user_id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer
         DROP KEY idx_customer_added,
         ADD KEY idx_customer_added (corp_id, added_at, id),
         DROP KEY idx_customer_name,
         ADD KEY idx_customer_name (corp_id, name)`,
    );
  }
}
