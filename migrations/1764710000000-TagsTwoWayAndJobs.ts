import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corp tags two-way and bulk tagging (docs/tags.md):
 * - `tag.created_by_app`, `tag_group.created_by_app`: WeCom lets an app edit or delete only the
 *   tags it created (81011 otherwise); 1 for what the SCRM created through add_corp_tag, 0 for
 *   what the sync or a change_external_tag callback brought (made in WeCom's admin console).
 * - `tag_push`: console edits of the tag library that could not reach WeCom (kept, retryable).
 * - `tag_job` / `tag_job_item`: bulk mark/unmark of a filtered set and CSV imports; the items
 *   (relations and their tags) are written before WeCom is called, so a killed worker resumes.
 */
export class TagsTwoWayAndJobs1764710000000 implements MigrationInterface {
  name = 'TagsTwoWayAndJobs1764710000000';

  public async up(q: QueryRunner): Promise<void> {
    const opts = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(
      `ALTER TABLE tag_group ADD COLUMN created_by_app tinyint(1) NOT NULL DEFAULT 0 AFTER create_time`,
    );
    await q.query(
      `ALTER TABLE tag ADD COLUMN created_by_app tinyint(1) NOT NULL DEFAULT 0 AFTER create_time`,
    );
    await q.query(`
      CREATE TABLE tag_push (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        op enum('create','rename','reorder','delete') NOT NULL,
        target_type enum('tag','tag_group') NOT NULL,
        target_id varchar(64) NULL COMMENT 'NULL for a create that never reached WeCom',
        target_name varchar(64) NOT NULL DEFAULT '',
        request json NOT NULL COMMENT 'the WeCom request to send again',
        state enum('failed','done','dropped') NOT NULL DEFAULT 'failed',
        errcode int NULL,
        error varchar(512) NULL,
        attempts int unsigned NOT NULL DEFAULT 1,
        actor varchar(64) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY idx_tag_push_state (corp_id, state, id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE tag_job (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        kind enum('bulk','import') NOT NULL,
        state enum('preparing','running','done','cancelled','failed') NOT NULL DEFAULT 'preparing',
        filter json NULL,
        add_tag_ids json NOT NULL,
        remove_tag_ids json NOT NULL,
        file_name varchar(255) NULL,
        total int unsigned NOT NULL DEFAULT 0,
        done int unsigned NOT NULL DEFAULT 0,
        failed int unsigned NOT NULL DEFAULT 0,
        cancel_requested tinyint(1) NOT NULL DEFAULT 0,
        actor varchar(64) NULL,
        error varchar(512) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        finished_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY idx_tag_job_corp (corp_id, id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE tag_job_item (
        job_id bigint unsigned NOT NULL,
        seq int unsigned NOT NULL,
        external_user_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        add_tag_ids json NULL COMMENT 'NULL: the job''s',
        evidence json NULL,
        state tinyint unsigned NOT NULL DEFAULT 0 COMMENT '0 pending, 1 done, 2 failed',
        errcode int NULL,
        PRIMARY KEY (job_id, seq),
        KEY idx_tag_job_item_state (job_id, state, seq)
      ) ${opts}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tag_job_item');
    await q.query('DROP TABLE tag_job');
    await q.query('DROP TABLE tag_push');
    await q.query('ALTER TABLE tag DROP COLUMN created_by_app');
    await q.query('ALTER TABLE tag_group DROP COLUMN created_by_app');
  }
}
