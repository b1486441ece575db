import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer list pages newest first by id within a corp (`WHERE corp_id = ? AND id < ?
 * ORDER BY id DESC`). With one corp the primary key serves it; with several corps in one
 * installation a backward scan of the primary key reads every other corp's rows too. This index
 * keeps each corp's page a range scan. InnoDB builds it online (no table lock).
 */
export class CustomerCorpIdIndex1763900600000 implements MigrationInterface {
  name = 'CustomerCorpIdIndex1763900600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE customer ADD KEY idx_customer_corp_id (corp_id, id), ALGORITHM=INPLACE, LOCK=NONE',
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE customer DROP KEY idx_customer_corp_id');
  }
}
