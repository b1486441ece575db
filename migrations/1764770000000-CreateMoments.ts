import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moments (客户朋友圈): the moment the SCRM publishes (persisted before add_moment_task, so a
 * crash never creates it twice), each member's publish status and counts, the customers it was
 * shown and sent to, and the comments and likes pulled from WeCom.
 */
export class CreateMoments1764770000000 implements MigrationInterface {
  name = 'CreateMoments1764770000000';

  public async up(q: QueryRunner): Promise<void> {
    const opts = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE moment (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        title varchar(64) NOT NULL,
        text text NULL COMMENT 'at most 2,000 characters',
        attachments json NOT NULL COMMENT '[{type: image|video|link, assetId, title?, url?}]',
        visible json NOT NULL COMMENT '{userIds, departmentIds, tagIds}',
        state enum('scheduled','creating','submitted','created','failed','cancelled') NOT NULL,
        scheduled_at datetime(3) NOT NULL COMMENT 'when add_moment_task is called',
        submit_started_at datetime(3) NULL COMMENT 'set (committed) before add_moment_task',
        job_id varchar(128) NULL,
        job_created_at datetime(3) NULL COMMENT 'a jobid is valid 24 h',
        moment_id varchar(128) NULL,
        created_at_wecom datetime(3) NULL COMMENT 'when WeCom reported the moment_id',
        invalid json NULL COMMENT '{userIds, departmentIds, tagIds} WeCom refused',
        error varchar(500) NULL,
        results_pulled_at datetime(3) NULL,
        results_pulls int unsigned NOT NULL DEFAULT 0,
        created_by varchar(64) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_moment_wecom (corp_id, moment_id),
        KEY idx_moment_corp_time (corp_id, scheduled_at),
        KEY idx_moment_state (state, scheduled_at)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE moment_staff (
        moment_pk bigint unsigned NOT NULL,
        corp_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        publish_status tinyint NOT NULL DEFAULT 0 COMMENT '0 未发表, 1 已发表',
        visible_count int unsigned NOT NULL DEFAULT 0,
        sent_count int unsigned NOT NULL DEFAULT 0,
        comment_count int unsigned NOT NULL DEFAULT 0,
        like_count int unsigned NOT NULL DEFAULT 0,
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (moment_pk, user_id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE moment_customer (
        moment_pk bigint unsigned NOT NULL,
        corp_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        external_user_id varchar(64) NOT NULL,
        visible tinyint NOT NULL DEFAULT 0 COMMENT 'in get_moment_customer_list',
        sent tinyint NOT NULL DEFAULT 0 COMMENT 'in get_moment_send_result',
        PRIMARY KEY (moment_pk, user_id, external_user_id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE moment_interaction (
        moment_pk bigint unsigned NOT NULL,
        corp_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL COMMENT 'the member whose moment it is',
        kind enum('comment','like') NOT NULL,
        external_user_id varchar(64) NOT NULL DEFAULT '' COMMENT 'a customer, or',
        actor_user_id varchar(64) NOT NULL DEFAULT '' COMMENT 'a member',
        create_time int unsigned NOT NULL,
        PRIMARY KEY (moment_pk, user_id, kind, external_user_id, actor_user_id, create_time)
      ) ${opts}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE moment_interaction');
    await q.query('DROP TABLE moment_customer');
    await q.query('DROP TABLE moment_staff');
    await q.query('DROP TABLE moment');
  }
}
