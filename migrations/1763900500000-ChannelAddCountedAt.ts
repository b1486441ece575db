import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A channel add is counted on its staff member's day after its welcome is sent, not in the
 * claim (the welcome goes out one round trip after the callback). `counted_at` makes that count
 * happen once; adds journaled before this migration were counted in their claim.
 */
export class ChannelAddCountedAt1763900500000 implements MigrationInterface {
  name = 'ChannelAddCountedAt1763900500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE channel_add ADD COLUMN counted_at datetime(3) NULL
       COMMENT 'counted in channel_staff_day (once)' AFTER attributed_at`,
    );
    await q.query('UPDATE channel_add SET counted_at = created_at');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE channel_add DROP COLUMN counted_at');
  }
}
