import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audience filter's last chat interaction is read from chat-archive's customer_last_chat
 * (1764730000000-CreateChatArchive), its one source: the interim customer.last_chat_at column of
 * 1764720000000-Audience (never written by the server) goes.
 */
export class AudienceLastChatFromChatArchive1764720100000 implements MigrationInterface {
  name = 'AudienceLastChatFromChatArchive1764720100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE customer DROP KEY idx_customer_last_chat, DROP COLUMN last_chat_at');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer
         ADD COLUMN last_chat_at datetime(3) NULL COMMENT 'last chat interaction (chat archive)',
         ADD KEY idx_customer_last_chat (corp_id, last_chat_at)`,
    );
  }
}
