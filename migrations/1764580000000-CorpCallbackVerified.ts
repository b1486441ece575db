import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the server last answered WeCom's GET verification of the corp's callback URL (the
 * first-run wizard waits for it). Cleared when the corp's Token or EncodingAESKey change.
 */
export class CorpCallbackVerified1764580000000 implements MigrationInterface {
  name = 'CorpCallbackVerified1764580000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE corp ADD COLUMN callback_verified_at datetime(3) NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE corp DROP COLUMN callback_verified_at');
  }
}
