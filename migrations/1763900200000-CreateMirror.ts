import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mirror of a corp's customer-contact data: staff, departments, customers, follow relations
 * (staff x customer), corp tags and each relation's tag marks, customer groups and members, the
 * customer timeline and full-sync runs. Every table carries corp_id; indexes follow the product's
 * queries at a million customers (see docs/mirror.md).
 */
export class CreateMirror1763900200000 implements MigrationInterface {
  name = 'CreateMirror1763900200000';

  public async up(q: QueryRunner): Promise<void> {
    const opts = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE department (
        corp_id varchar(64) NOT NULL,
        id int unsigned NOT NULL,
        name varchar(128) NOT NULL DEFAULT '',
        parent_id int unsigned NOT NULL DEFAULT 0,
        sort_order int unsigned NOT NULL DEFAULT 0,
        deleted_at datetime(3) NULL,
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE staff (
        corp_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        name varchar(128) NOT NULL DEFAULT '',
        department_ids json NOT NULL,
        main_department int unsigned NULL,
        position varchar(128) NOT NULL DEFAULT '',
        avatar varchar(512) NOT NULL DEFAULT '',
        wecom_status tinyint unsigned NOT NULL DEFAULT 1 COMMENT '1 active, 2 disabled, 4 not activated, 5 quit',
        customer_contact tinyint NOT NULL DEFAULT 0 COMMENT 'in get_follow_user_list: may have customers',
        departed_at datetime(3) NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, user_id),
        KEY idx_staff_departed (corp_id, departed_at)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE customer (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        external_user_id varchar(64) NOT NULL,
        name varchar(128) NOT NULL DEFAULT '',
        avatar varchar(512) NOT NULL DEFAULT '',
        type tinyint unsigned NOT NULL DEFAULT 1 COMMENT '1 WeChat, 2 WeCom',
        gender tinyint unsigned NOT NULL DEFAULT 0,
        union_id varchar(64) NULL,
        corp_name varchar(128) NULL,
        corp_full_name varchar(256) NULL,
        position varchar(128) NULL,
        first_added_at datetime(3) NULL,
        synced_at datetime(3) NULL COMMENT 'last time details were read from WeCom',
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_customer_external (corp_id, external_user_id),
        KEY idx_customer_name (corp_id, name),
        KEY idx_customer_first_added (corp_id, first_added_at)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE follow_relation (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        external_user_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        remark varchar(128) NOT NULL DEFAULT '',
        description varchar(512) NOT NULL DEFAULT '',
        remark_corp_name varchar(128) NOT NULL DEFAULT '',
        remark_mobiles json NULL,
        add_way smallint unsigned NOT NULL DEFAULT 0,
        oper_user_id varchar(64) NULL,
        state varchar(64) NULL COMMENT 'contact way state: which channel brought the customer',
        channel_id bigint unsigned NULL,
        added_at datetime(3) NULL COMMENT 'WeCom createtime of the relation',
        status enum('active','deleted_by_staff','deleted_by_customer','transferred_out') NOT NULL DEFAULT 'active',
        deleted_at datetime(3) NULL,
        last_event_time int unsigned NOT NULL DEFAULT 0 COMMENT 'CreateTime of the newest event applied: older ones are stale',
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_follow_pair (corp_id, external_user_id, user_id),
        KEY idx_follow_staff (corp_id, user_id, status, added_at),
        KEY idx_follow_state (corp_id, state, added_at),
        KEY idx_follow_channel (corp_id, channel_id, added_at),
        KEY idx_follow_added (corp_id, added_at)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE tag_group (
        corp_id varchar(64) NOT NULL,
        group_id varchar(64) NOT NULL,
        name varchar(64) NOT NULL,
        sort_order int unsigned NOT NULL DEFAULT 0,
        create_time int unsigned NOT NULL DEFAULT 0,
        deleted_at datetime(3) NULL,
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, group_id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE tag (
        corp_id varchar(64) NOT NULL,
        tag_id varchar(64) NOT NULL,
        group_id varchar(64) NOT NULL,
        name varchar(64) NOT NULL,
        sort_order int unsigned NOT NULL DEFAULT 0,
        create_time int unsigned NOT NULL DEFAULT 0,
        deleted_at datetime(3) NULL,
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, tag_id),
        KEY idx_tag_group (corp_id, group_id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE customer_tag (
        corp_id varchar(64) NOT NULL,
        external_user_id varchar(64) NOT NULL,
        user_id varchar(64) NOT NULL,
        tag_id varchar(64) NOT NULL,
        source enum('manual','channel','chat_rule','sync','import','wecom') NOT NULL,
        evidence json NULL COMMENT 'why: the channel, the rule and message, the admin',
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, external_user_id, user_id, tag_id),
        KEY idx_customer_tag_tag (corp_id, tag_id, external_user_id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE group_chat (
        corp_id varchar(64) NOT NULL,
        chat_id varchar(64) NOT NULL,
        name varchar(128) NOT NULL DEFAULT '',
        owner_user_id varchar(64) NOT NULL DEFAULT '',
        notice text NULL,
        wecom_status tinyint unsigned NOT NULL DEFAULT 0 COMMENT 'groupchat/list status: 0 normal, 1 owner left, 2 transferring, 3 transferred',
        create_time int unsigned NOT NULL DEFAULT 0,
        member_count int unsigned NOT NULL DEFAULT 0,
        member_version varchar(64) NULL,
        dismissed_at datetime(3) NULL,
        last_event_time int unsigned NOT NULL DEFAULT 0,
        synced_at datetime(3) NULL,
        updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (corp_id, chat_id),
        KEY idx_group_owner (corp_id, owner_user_id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE group_member (
        corp_id varchar(64) NOT NULL,
        chat_id varchar(64) NOT NULL,
        member_id varchar(64) NOT NULL COMMENT 'userid (type 1) or external_userid (type 2)',
        type tinyint unsigned NOT NULL COMMENT '1 staff, 2 customer',
        name varchar(128) NOT NULL DEFAULT '',
        group_nickname varchar(128) NOT NULL DEFAULT '',
        union_id varchar(64) NULL,
        join_time int unsigned NOT NULL DEFAULT 0,
        join_scene tinyint unsigned NOT NULL DEFAULT 0 COMMENT 'groupchat/get: 1 direct invite, 2 link, 3 QR code',
        invitor_user_id varchar(64) NULL,
        left_at datetime(3) NULL,
        quit_scene tinyint unsigned NULL COMMENT '0 left, 1 removed',
        PRIMARY KEY (corp_id, chat_id, member_id),
        KEY idx_group_member_member (corp_id, member_id)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE customer_timeline (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        external_user_id varchar(64) NOT NULL,
        user_id varchar(64) NULL,
        kind varchar(48) NOT NULL,
        detail json NULL,
        occurred_at datetime(3) NOT NULL,
        dedupe_key varchar(191) NOT NULL COMMENT 'makes replays write nothing twice, e.g. <event id>:<kind>',
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_timeline_dedupe (corp_id, dedupe_key),
        KEY idx_timeline_customer (corp_id, external_user_id, occurred_at)
      ) ${opts}`);
    await q.query(`
      CREATE TABLE sync_run (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        corp_id varchar(64) NOT NULL,
        kind varchar(32) NOT NULL DEFAULT 'full',
        status enum('running','done','failed') NOT NULL DEFAULT 'running',
        phase varchar(32) NOT NULL DEFAULT 'start',
        done int unsigned NOT NULL DEFAULT 0,
        total int unsigned NOT NULL DEFAULT 0,
        checkpoint json NULL COMMENT 'where to resume after a worker crash',
        error varchar(1000) NULL,
        started_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        finished_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY idx_sync_run_corp (corp_id, started_at)
      ) ${opts}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'sync_run',
      'customer_timeline',
      'group_member',
      'group_chat',
      'customer_tag',
      'tag',
      'tag_group',
      'follow_relation',
      'customer',
      'staff',
      'department',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
