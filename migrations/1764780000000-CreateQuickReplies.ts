import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quick replies (话术库) of the sidebar: folders with who may see them (everyone, or chosen
 * departments with their sub-departments and/or members), items in a folder (text, an image media
 * asset, a link card or a mini-program card), each with its order and usage count, and the corp's
 * setting of the mini-program appid its cards may carry.
 */
export class CreateQuickReplies1764780000000 implements MigrationInterface {
  name = 'CreateQuickReplies1764780000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE quick_reply_folder (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         corp_id varchar(64) NOT NULL,
         name varchar(64) NOT NULL,
         sort_order int NOT NULL DEFAULT 0,
         visible_to_all tinyint(1) NOT NULL DEFAULT 1,
         department_ids json NOT NULL,
         user_ids json NOT NULL,
         created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         KEY idx_quick_reply_folder_corp (corp_id, sort_order)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE quick_reply_item (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         corp_id varchar(64) NOT NULL,
         folder_id bigint unsigned NOT NULL,
         kind varchar(16) NOT NULL,
         title varchar(128) NOT NULL,
         content text NULL,
         asset_id bigint unsigned NULL,
         url varchar(2048) NULL,
         description varchar(512) NULL,
         cover_url varchar(2048) NULL,
         app_id varchar(32) NULL,
         page varchar(255) NULL,
         sort_order int NOT NULL DEFAULT 0,
         use_count int unsigned NOT NULL DEFAULT 0,
         last_used_at datetime(3) NULL,
         created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         KEY idx_quick_reply_item_folder (corp_id, folder_id, sort_order)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE quick_reply_setting (
         corp_id varchar(64) NOT NULL,
         miniprogram_app_id varchar(32) NULL,
         updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
         PRIMARY KEY (corp_id)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE quick_reply_setting');
    await q.query('DROP TABLE quick_reply_item');
    await q.query('DROP TABLE quick_reply_folder');
  }
}
