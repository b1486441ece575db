import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Broadcasts (客户群发 / 客户群群发). `broadcast` is what the manager composed; its plan is
 * `broadcast_task` (one add_msg_template call each: a sender and ≤10,000 customers or ≤2,000
 * groups) and `broadcast_recipient` (each customer or group once, with its task), written in
 * full before any WeCom call. A task's `msgid` is stored as soon as WeCom answers; a task whose
 * call was made but not answered (`attempted_at` set, no msgid) is matched back through
 * get_groupmsg_list_v2 before it is ever sent again. Recipients' statuses follow
 * get_groupmsg_send_result (0 未发送, 1 已发送, 2 不是好友, 3 已收到其他群发), and the SCRM's own:
 * 10 left out at planning (receive limit reached), 11 in WeCom's fail_list.
 * `broadcast_setting` holds the corp's receive limit (WeCom's: 1/day default, 7/week, or the
 * days of the month), used by the preview and the planning.
 */
export class CreateBroadcasts1764761000000 implements MigrationInterface {
  name = 'CreateBroadcasts1764761000000';

  public async up(q: QueryRunner): Promise<void> {
    const opts = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(
      `CREATE TABLE broadcast (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         corp_id varchar(64) NOT NULL,
         kind varchar(16) NOT NULL,
         title varchar(100) NOT NULL,
         state varchar(16) NOT NULL,
         audience json NOT NULL,
         segment_id varchar(32) NULL,
         sender_user_ids json NULL,
         text_content text NULL,
         attachments json NOT NULL,
         scheduled_at datetime(3) NULL,
         version int unsigned NOT NULL DEFAULT 1,
         planned_count int unsigned NOT NULL DEFAULT 0,
         excluded_count int unsigned NOT NULL DEFAULT 0,
         task_count int unsigned NOT NULL DEFAULT 0,
         remind_times json NOT NULL,
         poll_attempt int unsigned NOT NULL DEFAULT 0,
         next_poll_at datetime(3) NULL,
         last_polled_at datetime(3) NULL,
         lease_until datetime(3) NULL,
         error varchar(500) NULL,
         created_by varchar(128) NULL,
         planned_at datetime(3) NULL,
         sent_at datetime(3) NULL,
         finished_at datetime(3) NULL,
         canceled_at datetime(3) NULL,
         created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
         PRIMARY KEY (id),
         KEY idx_broadcast_corp (corp_id, id),
         KEY idx_broadcast_calendar (corp_id, scheduled_at),
         KEY idx_broadcast_state (state, next_poll_at)
       ) ${opts}`,
    );
    await q.query(
      `CREATE TABLE broadcast_task (
         id bigint unsigned NOT NULL AUTO_INCREMENT,
         broadcast_id bigint unsigned NOT NULL,
         seq int unsigned NOT NULL,
         sender_user_id varchar(64) NOT NULL,
         recipient_count int unsigned NOT NULL DEFAULT 0,
         state varchar(16) NOT NULL DEFAULT 'planned',
         attempted_at datetime(3) NULL,
         msgid varchar(128) NULL,
         fail_count int unsigned NOT NULL DEFAULT 0,
         errcode int NULL,
         error varchar(500) NULL,
         send_status tinyint NOT NULL DEFAULT 0,
         send_time datetime(3) NULL,
         results_pulled tinyint NOT NULL DEFAULT 0,
         PRIMARY KEY (id),
         UNIQUE KEY uq_broadcast_task_seq (broadcast_id, seq),
         UNIQUE KEY uq_broadcast_task_msgid (msgid)
       ) ${opts}`,
    );
    await q.query(
      `CREATE TABLE broadcast_recipient (
         broadcast_id bigint unsigned NOT NULL,
         recipient_id varchar(64) NOT NULL,
         corp_id varchar(64) NOT NULL,
         task_seq int unsigned NULL,
         sender_user_id varchar(64) NOT NULL,
         status tinyint NOT NULL DEFAULT 0,
         send_time datetime(3) NULL,
         PRIMARY KEY (broadcast_id, recipient_id),
         KEY idx_broadcast_recipient_task (broadcast_id, task_seq),
         KEY idx_broadcast_recipient_received (corp_id, recipient_id, status, send_time)
       ) ${opts}`,
    );
    await q.query(
      `CREATE TABLE broadcast_setting (
         corp_id varchar(64) NOT NULL,
         receive_limit varchar(8) NOT NULL DEFAULT 'day',
         updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
         PRIMARY KEY (corp_id)
       ) ${opts}`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE broadcast_setting');
    await q.query('DROP TABLE broadcast_recipient');
    await q.query('DROP TABLE broadcast_task');
    await q.query('DROP TABLE broadcast');
  }
}
