import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tag marks say who marked them and when (TagMarkService): `actor` (an admin's username, a staff
 * userid, a rule id; NULL for WeCom and the sync) and `marked_at` (when the mark's current source
 * took it; created_at stays the first time the mirror had the mark).
 */
export class CustomerTagActor1763900850000 implements MigrationInterface {
  name = 'CustomerTagActor1763900850000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer_tag
         ADD COLUMN actor varchar(64) NULL AFTER source,
         ADD COLUMN marked_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) AFTER evidence`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE customer_tag DROP COLUMN marked_at, DROP COLUMN actor');
  }
}
