import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Media assets (素材) of a corp: the bytes live in MEDIA_STORAGE_DIR (a shared volume when the
 * API and workers run on several hosts), addressed by `storage_key`; the row keeps what WeCom
 * gave for them. `media_id` (media/upload) and `attachment_media_id` (media/upload_attachment,
 * moments) are valid 3 days from `*_uploaded_at` (WeCom's created_at) and are uploaded again
 * when older.
 */
export class CreateMediaAsset1764760000000 implements MigrationInterface {
  name = 'CreateMediaAsset1764760000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE media_asset (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         corp_id varchar(64) NOT NULL,
         kind varchar(16) NOT NULL,
         filename varchar(255) NOT NULL,
         content_type varchar(128) NOT NULL,
         size_bytes int unsigned NOT NULL,
         sha256 char(64) NOT NULL,
         storage_key varchar(255) NOT NULL,
         media_id varchar(255) NULL,
         media_uploaded_at datetime(3) NULL,
         attachment_media_id varchar(255) NULL,
         attachment_uploaded_at datetime(3) NULL,
         created_by varchar(128) NULL,
         created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         KEY idx_media_asset_corp (corp_id, created_at)
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE media_asset');
  }
}
