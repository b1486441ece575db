import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The corp's time zone (IANA), in which the console and the sidebar show every time and the
 * dashboard counts its days. Existing corps keep what every page assumed until now: Asia/Shanghai.
 * An instant column add: InnoDB adds a column with a default without copying the table.
 */
export class CorpTimeZone1764840000000 implements MigrationInterface {
  name = 'CorpTimeZone1764840000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE corp ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'Asia/Shanghai' AFTER agent_id`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE corp DROP COLUMN time_zone');
  }
}
