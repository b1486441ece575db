import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox is drained in batches: a worker claims up to a few hundred due events at once
 * (`SELECT … FOR UPDATE SKIP LOCKED` over `idx_callback_event_claim`), stamps them with its claim
 * token and keeps the claim alive while it works. A claim that is not renewed within the lease
 * (the worker died) is taken back. A failed attempt sets `available_at` (exponential backoff).
 */
export class CallbackInboxClaims1763900700000 implements MigrationInterface {
  name = 'CallbackInboxClaims1763900700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE callback_event
         ADD COLUMN available_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) AFTER received_at,
         ADD COLUMN claimed_at datetime(3) NULL AFTER available_at,
         ADD COLUMN claim_token varchar(64) NULL AFTER claimed_at,
         ADD KEY idx_callback_event_claim (status, available_at, id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE callback_event
         DROP KEY idx_callback_event_claim,
         DROP COLUMN claim_token,
         DROP COLUMN claimed_at,
         DROP COLUMN available_at`,
    );
  }
}
