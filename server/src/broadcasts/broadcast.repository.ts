import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Sql } from '../audience/audience-sql';
import type {
  BroadcastAttachment,
  BroadcastAudience,
  BroadcastKind,
  BroadcastState,
  ReceiveLimit,
  TaskState,
} from './broadcast.types';
import { RecipientStatus } from './broadcast.types';

/** A plan written a range at a time inside the database (BroadcastRepository.planWriter). */
export interface PlanWriter {
  /** Stages one range's recipients; their pending counts per sender and how many excluded. */
  stage(
    selection: Sql,
    limit?: { since: Date; cap: number },
  ): Promise<{ pending: Array<{ sender: string; n: number }>; excluded: number }>;
  /**
   * Writes the staged recipients: a sender's first `room` (by external_userid) into its open
   * task `openSeq`, the rest in tasks of `perTask` numbered from `nextSeq`.
   */
  write(
    assign: Array<{ sender: string; n: number; openSeq: number; room: number; nextSeq: number }>,
    perTask: number,
  ): Promise<void>;
  close(): Promise<void>;
}

/** MEMORY room for one range's staged rows (PLAN_RANGE_RELATIONS × ~520 bytes, with margin). */
const STAGE_HEAP_BYTES = 64 * 1024 * 1024;

export interface BroadcastRow {
  id: string;
  corpId: string;
  kind: BroadcastKind;
  title: string;
  state: BroadcastState;
  audience: BroadcastAudience;
  segmentId: string | null;
  senderUserIds: string[] | null;
  textContent: string | null;
  attachments: BroadcastAttachment[];
  scheduledAt: Date | null;
  version: number;
  plannedCount: number;
  excludedCount: number;
  taskCount: number;
  remindTimes: number[];
  pollAttempt: number;
  nextPollAt: Date | null;
  lastPolledAt: Date | null;
  error: string | null;
  createdBy: string | null;
  plannedAt: Date | null;
  sentAt: Date | null;
  finishedAt: Date | null;
  canceledAt: Date | null;
  createdAt: Date;
}

export interface TaskRow {
  id: string;
  broadcastId: string;
  seq: number;
  senderUserId: string;
  recipientCount: number;
  state: TaskState;
  attemptedAt: Date | null;
  msgid: string | null;
  failCount: number;
  errcode: number | null;
  error: string | null;
  sendStatus: number;
  sendTime: Date | null;
  resultsPulled: boolean;
}

export interface NewRecipient {
  recipientId: string;
  senderUserId: string;
  taskSeq: number | null;
  status: number;
}

const B_COLUMNS = `id, corp_id AS corpId, kind, title, state, audience, segment_id AS segmentId,
  sender_user_ids AS senderUserIds, text_content AS textContent, attachments,
  scheduled_at AS scheduledAt, version, planned_count AS plannedCount,
  excluded_count AS excludedCount, task_count AS taskCount, remind_times AS remindTimes,
  poll_attempt AS pollAttempt, next_poll_at AS nextPollAt, last_polled_at AS lastPolledAt, error,
  created_by AS createdBy, planned_at AS plannedAt, sent_at AS sentAt, finished_at AS finishedAt,
  canceled_at AS canceledAt, created_at AS createdAt`;

const T_COLUMNS = `id, broadcast_id AS broadcastId, seq, sender_user_id AS senderUserId,
  recipient_count AS recipientCount, state, attempted_at AS attemptedAt, msgid,
  fail_count AS failCount, errcode, error, send_status AS sendStatus, send_time AS sendTime,
  results_pulled AS resultsPulled`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

function toBroadcast(r: Record<string, unknown>): BroadcastRow {
  return {
    ...(r as unknown as BroadcastRow),
    id: String(r.id),
    audience: json(r.audience),
    senderUserIds: r.senderUserIds == null ? null : json(r.senderUserIds),
    attachments: json(r.attachments),
    remindTimes: json(r.remindTimes),
    version: Number(r.version),
    plannedCount: Number(r.plannedCount),
    excludedCount: Number(r.excludedCount),
    taskCount: Number(r.taskCount),
    pollAttempt: Number(r.pollAttempt),
  };
}

function toTask(r: Record<string, unknown>): TaskRow {
  return {
    ...(r as unknown as TaskRow),
    id: String(r.id),
    broadcastId: String(r.broadcastId),
    seq: Number(r.seq),
    recipientCount: Number(r.recipientCount),
    failCount: Number(r.failCount),
    errcode: r.errcode == null ? null : Number(r.errcode),
    sendStatus: Number(r.sendStatus),
    resultsPulled: !!Number(r.resultsPulled),
  };
}

/** Broadcasts' data access: broadcast, broadcast_task, broadcast_recipient, broadcast_setting. */
@Injectable()
export class BroadcastRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ------------------------------------------------------------------ broadcasts

  async insert(b: {
    corpId: string;
    kind: BroadcastKind;
    title: string;
    audience: BroadcastAudience;
    segmentId: string | null;
    senderUserIds: string[] | null;
    textContent: string | null;
    attachments: BroadcastAttachment[];
    scheduledAt: Date | null;
    createdBy: string | null;
  }): Promise<string> {
    const res = await this.db.query(
      `INSERT INTO broadcast (corp_id, kind, title, state, audience, segment_id, sender_user_ids,
         text_content, attachments, scheduled_at, remind_times, created_by)
       VALUES (?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, ?, '[]', ?)`,
      [
        b.corpId,
        b.kind,
        b.title,
        JSON.stringify(b.audience),
        b.segmentId,
        b.senderUserIds ? JSON.stringify(b.senderUserIds) : null,
        b.textContent,
        JSON.stringify(b.attachments),
        b.scheduledAt,
        b.createdBy,
      ],
    );
    return String(res.insertId);
  }

  async find(corpId: string, id: string): Promise<BroadcastRow | null> {
    const [r] = await this.db.query(
      `SELECT ${B_COLUMNS} FROM broadcast WHERE corp_id = ? AND id = ?`,
      [corpId, id],
    );
    return r ? toBroadcast(r) : null;
  }

  async list(
    corpId: string,
    opts: { kind?: BroadcastKind; cursor?: string; limit: number },
  ): Promise<BroadcastRow[]> {
    const rows = await this.db.query(
      `SELECT ${B_COLUMNS} FROM broadcast
       WHERE corp_id = ? ${opts.kind ? 'AND kind = ?' : ''} ${opts.cursor ? 'AND id < ?' : ''}
       ORDER BY id DESC LIMIT ?`,
      [
        corpId,
        ...(opts.kind ? [opts.kind] : []),
        ...(opts.cursor ? [opts.cursor] : []),
        opts.limit,
      ],
    );
    return rows.map(toBroadcast);
  }

  /** Broadcasts scheduled or sent in [from, to) (the campaign calendar). */
  async inRange(corpId: string, from: Date, to: Date): Promise<BroadcastRow[]> {
    const rows = await this.db.query(
      `SELECT ${B_COLUMNS} FROM broadcast
       WHERE corp_id = ? AND COALESCE(scheduled_at, sent_at, created_at) >= ?
         AND COALESCE(scheduled_at, sent_at, created_at) < ?
       ORDER BY COALESCE(scheduled_at, sent_at, created_at), id`,
      [corpId, from, to],
    );
    return rows.map(toBroadcast);
  }

  /** Other open or sent broadcasts of the segment whose time falls in [from, to). */
  async sameSegment(
    corpId: string,
    segmentId: string,
    from: Date,
    to: Date,
    exceptId?: string,
  ): Promise<Array<{ id: string; title: string; at: Date }>> {
    const rows = await this.db.query(
      `SELECT id, title, COALESCE(scheduled_at, sent_at, created_at) AS at FROM broadcast
       WHERE corp_id = ? AND segment_id = ? AND state NOT IN ('canceled', 'failed')
         AND COALESCE(scheduled_at, sent_at, created_at) >= ?
         AND COALESCE(scheduled_at, sent_at, created_at) < ? ${exceptId ? 'AND id <> ?' : ''}
       ORDER BY at`,
      [corpId, segmentId, from, to, ...(exceptId ? [exceptId] : [])],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      title: r.title as string,
      at: r.at as Date,
    }));
  }

  /** An edit before the time (only while scheduled); bumps the version (stale jobs skip). */
  async edit(
    id: string,
    fields: {
      title: string;
      audience: BroadcastAudience;
      segmentId: string | null;
      senderUserIds: string[] | null;
      textContent: string | null;
      attachments: BroadcastAttachment[];
      scheduledAt: Date | null;
    },
  ): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE broadcast SET title = ?, audience = ?, segment_id = ?, sender_user_ids = ?,
         text_content = ?, attachments = ?, scheduled_at = ?, version = version + 1
       WHERE id = ? AND state = 'scheduled'`,
      [
        fields.title,
        JSON.stringify(fields.audience),
        fields.segmentId,
        fields.senderUserIds ? JSON.stringify(fields.senderUserIds) : null,
        fields.textContent,
        JSON.stringify(fields.attachments),
        fields.scheduledAt,
        id,
      ],
    );
    return Number(res.affectedRows) === 1;
  }

  /** Moves the broadcast from one of `from` to `to`; false when it was in none of them. */
  async transition(
    id: string,
    from: BroadcastState[],
    to: BroadcastState,
    extra: Partial<
      Record<
        | 'planned_at'
        | 'sent_at'
        | 'finished_at'
        | 'canceled_at'
        | 'next_poll_at'
        | 'error'
        | 'planned_count'
        | 'excluded_count'
        | 'task_count'
        | 'poll_attempt',
        unknown
      >
    > = {},
  ): Promise<boolean> {
    const sets = Object.keys(extra).map((k) => `${k} = ?`);
    const res = await this.db.query(
      `UPDATE broadcast SET state = ?${sets.length ? `, ${sets.join(', ')}` : ''}
       WHERE id = ? AND state IN (?)`,
      [to, ...Object.values(extra), id, from],
    );
    return Number(res.affectedRows) === 1;
  }

  /** Takes (or renews, with the same owner) the broadcast's lease; false when another holds it. */
  async lease(id: string, ms: number): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE broadcast SET lease_until = NOW(3) + INTERVAL ? MICROSECOND
       WHERE id = ? AND (lease_until IS NULL OR lease_until < NOW(3))`,
      [ms * 1000, id],
    );
    return Number(res.affectedRows) === 1;
  }

  async renewLease(id: string, ms: number): Promise<void> {
    await this.db.query(
      'UPDATE broadcast SET lease_until = NOW(3) + INTERVAL ? MICROSECOND WHERE id = ?',
      [ms * 1000, id],
    );
  }

  async releaseLease(id: string): Promise<void> {
    await this.db.query('UPDATE broadcast SET lease_until = NULL WHERE id = ?', [id]);
  }

  async setPoll(id: string, attempt: number, next: Date | null): Promise<void> {
    await this.db.query(
      'UPDATE broadcast SET poll_attempt = ?, next_poll_at = ?, last_polled_at = NOW(3) WHERE id = ?',
      [attempt, next, id],
    );
  }

  async setRemindTimes(id: string, times: number[]): Promise<void> {
    await this.db.query('UPDATE broadcast SET remind_times = ? WHERE id = ?', [
      JSON.stringify(times),
      id,
    ]);
  }

  /** Open broadcasts whose next step is due (the sweeper's safety net for lost jobs). */
  async due(
    now: Date,
    staleMs: number,
  ): Promise<Array<{ id: string; corpId: string; state: BroadcastState; version: number }>> {
    const rows = await this.db.query(
      `SELECT id, corp_id AS corpId, state, version FROM broadcast
       WHERE (state = 'scheduled' AND scheduled_at <= ?)
          OR (state IN ('planning', 'dispatching') AND (lease_until IS NULL OR lease_until < ?))
          OR (state = 'sent' AND next_poll_at <= ?)
       LIMIT 500`,
      [new Date(now.getTime() - staleMs), now, new Date(now.getTime() - staleMs)],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      corpId: r.corpId as string,
      state: r.state as BroadcastState,
      version: Number(r.version),
    }));
  }

  // ------------------------------------------------------------------ the plan

  /** Drops a plan that was being written when its worker died (no WeCom call was made yet). */
  async clearPlan(id: string): Promise<void> {
    await this.db.query('DELETE FROM broadcast_task WHERE broadcast_id = ?', [id]);
    for (;;) {
      const res = await this.db.query(
        'DELETE FROM broadcast_recipient WHERE broadcast_id = ? LIMIT 20000',
        [id],
      );
      if (Number(res.affectedRows) < 20000) break;
    }
  }

  /** How many mass messages each of these recipients received (sent) since `since`. */
  async receivedSince(corpId: string, ids: string[], since: Date): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await this.db.query(
      `SELECT recipient_id AS id, COUNT(*) AS n FROM broadcast_recipient
       WHERE corp_id = ? AND recipient_id IN (?) AND status = 1 AND send_time >= ?
       GROUP BY recipient_id`,
      [corpId, ids, since],
    );
    return new Map(rows.map((r: { id: string; n: unknown }) => [r.id, Number(r.n)]));
  }

  /**
   * Whether any of the corp's recipients was sent a broadcast since `since`: one seek on
   * idx_broadcast_recipient_sent (corp_id, status, send_time), whatever the corp's history.
   */
  async anySentSince(corpId: string, since: Date): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM broadcast_recipient
       WHERE corp_id = ? AND status = 1 AND send_time >= ? LIMIT 1`,
      [corpId, since],
    );
    return rows.length > 0;
  }

  async insertRecipients(broadcastId: string, corpId: string, rows: NewRecipient[]): Promise<void> {
    if (!rows.length) return;
    const values = rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
    const params: unknown[] = [];
    for (const r of rows)
      params.push(broadcastId, r.recipientId, corpId, r.taskSeq, r.senderUserId, r.status);
    await this.db.query(
      `INSERT IGNORE INTO broadcast_recipient
         (broadcast_id, recipient_id, corp_id, task_seq, sender_user_id, status)
       VALUES ${values}`,
      params,
    );
  }

  /**
   * A session that writes a plan a range at a time inside the database (docs/broadcasts.md):
   * `stage` runs the audience's selection for a range into a temporary table (with the receive
   * limit applied in the same statement) and counts it per sender; `write` copies the staged
   * rows into broadcast_recipient with their tasks' seqs (`INSERT … SELECT`: one for the
   * senders whose rows all go to one task, one ranking the rows of those that fill a task and
   * open the next). Read committed, so the customer mirror it reads is not locked meanwhile.
   * `close` always.
   */
  async planWriter(broadcastId: string, corpId: string): Promise<PlanWriter> {
    const qr = this.db.createQueryRunner();
    let iso = 'REPEATABLE READ';
    const mem = `ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
    try {
      await qr.connect();
      // MariaDB's name (transaction_isolation is MySQL's and MariaDB 11.1+'s)
      const [row]: Array<{ iso: string; heap: string }> = await qr.query(
        'SELECT @@session.tx_isolation AS iso',
      );
      iso = row.iso.replace('-', ' ');
      await qr.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      // a range's staged rows in memory: ~520 bytes a row (MEMORY keeps varchars at full width)
      await qr.query('SET SESSION max_heap_table_size = GREATEST(@@max_heap_table_size, ?)', [
        STAGE_HEAP_BYTES,
      ]);
      await qr.query('DROP TEMPORARY TABLE IF EXISTS broadcast_plan_stage, broadcast_plan_assign');
      await qr.query(
        `CREATE TEMPORARY TABLE broadcast_plan_stage (
           k int unsigned NOT NULL AUTO_INCREMENT,
           ext varchar(64) NOT NULL,
           sender varchar(64) NOT NULL,
           excluded tinyint NOT NULL,
           PRIMARY KEY (k)
         ) ${mem}`,
      );
      await qr.query(
        `CREATE TEMPORARY TABLE broadcast_plan_assign (
           sender varchar(64) NOT NULL,
           dest int unsigned NULL,
           open_seq int unsigned NOT NULL,
           room int unsigned NOT NULL,
           next_seq int unsigned NOT NULL,
           PRIMARY KEY (sender)
         ) ${mem}`,
      );
    } catch (e) {
      await qr.release();
      throw e;
    }
    let staged = 0;
    return {
      stage: async (selection, limit) => {
        await qr.query('TRUNCATE TABLE broadcast_plan_stage');
        const excluded = limit
          ? `(SELECT COUNT(*) FROM broadcast_recipient h
              WHERE h.corp_id = ? AND h.recipient_id = s.ext AND h.status = ${RecipientStatus.Sent}
                AND h.send_time >= ?) >= ?`
          : '0';
        const res = await qr.query(
          `INSERT INTO broadcast_plan_stage (ext, sender, excluded)
           SELECT s.ext, s.sender, ${excluded} FROM (${selection.sql}) s`,
          [...(limit ? [corpId, limit.since, limit.cap] : []), ...selection.params],
        );
        staged = Number(res.affectedRows);
        if (!staged) return { pending: [], excluded: 0 };
        const rows: Array<{ sender: string; excluded: number; n: string | number }> =
          await qr.query(
            `SELECT sender, excluded, COUNT(*) AS n FROM broadcast_plan_stage
             GROUP BY sender, excluded`,
          );
        return {
          pending: rows
            .filter((r) => !Number(r.excluded))
            .map((r) => ({ sender: r.sender, n: Number(r.n) })),
          excluded: rows.filter((r) => Number(r.excluded)).reduce((n, r) => n + Number(r.n), 0),
        };
      },
      write: async (assign, perTask) => {
        if (!staged) return;
        await qr.query('TRUNCATE TABLE broadcast_plan_assign');
        for (let i = 0; i < assign.length; i += 1000) {
          const part = assign.slice(i, i + 1000);
          await qr.query(
            `INSERT INTO broadcast_plan_assign (sender, dest, open_seq, room, next_seq)
             VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
            part.flatMap((a) => [
              a.sender,
              // all of the sender's rows go to one task: no ranking needed
              a.n <= a.room ? a.openSeq : a.room === 0 && a.n <= perTask ? a.nextSeq : null,
              a.openSeq,
              a.room,
              a.nextSeq,
            ]),
          );
        }
        const into = `INSERT IGNORE INTO broadcast_recipient
             (broadcast_id, recipient_id, corp_id, task_seq, sender_user_id, status)`;
        const one = await qr.query(
          `${into}
           SELECT ?, t.ext, ?, IF(t.excluded, NULL, a.dest), t.sender,
                  IF(t.excluded, ${RecipientStatus.Excluded}, ${RecipientStatus.Pending})
           FROM broadcast_plan_stage t
           LEFT JOIN broadcast_plan_assign a ON a.sender = t.sender
           WHERE t.excluded OR a.dest IS NOT NULL`,
          [broadcastId, corpId],
        );
        const split = await qr.query(
          `${into}
           SELECT ?, y.ext, ?,
                  IF(y.rn <= y.room, y.open_seq, y.next_seq + FLOOR((y.rn - y.room - 1) / ?)),
                  y.sender, ${RecipientStatus.Pending}
           FROM (SELECT t.ext, t.sender, a.open_seq, a.room, a.next_seq,
                        ROW_NUMBER() OVER (PARTITION BY t.sender ORDER BY t.k) AS rn
                 FROM broadcast_plan_stage t
                 JOIN broadcast_plan_assign a ON a.sender = t.sender
                 WHERE NOT t.excluded AND a.dest IS NULL) y`,
          [broadcastId, corpId, perTask],
        );
        const written = Number(one.affectedRows) + Number(split.affectedRows);
        // a row already there (another run of the same plan): the counts would be wrong
        if (written !== staged)
          throw new Error(
            `broadcast ${broadcastId}: ${staged - written} planned recipients were already written; planning again`,
          );
      },
      close: async () => {
        try {
          await qr.query(
            'DROP TEMPORARY TABLE IF EXISTS broadcast_plan_stage, broadcast_plan_assign',
          );
          await qr.query(`SET SESSION TRANSACTION ISOLATION LEVEL ${iso}`);
          await qr.query('SET SESSION max_heap_table_size = DEFAULT');
        } finally {
          await qr.release();
        }
      },
    };
  }

  async insertTasks(
    broadcastId: string,
    tasks: Array<{ seq: number; senderUserId: string; recipientCount: number }>,
  ): Promise<void> {
    for (let i = 0; i < tasks.length; i += 1000) {
      const part = tasks.slice(i, i + 1000);
      await this.db.query(
        `INSERT INTO broadcast_task (broadcast_id, seq, sender_user_id, recipient_count)
         VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}`,
        part.flatMap((t) => [broadcastId, t.seq, t.senderUserId, t.recipientCount]),
      );
    }
  }

  // ------------------------------------------------------------------ tasks

  async tasks(broadcastId: string): Promise<TaskRow[]> {
    const rows = await this.db.query(
      `SELECT ${T_COLUMNS} FROM broadcast_task WHERE broadcast_id = ? ORDER BY seq`,
      [broadcastId],
    );
    return rows.map(toTask);
  }

  async taskRecipients(broadcastId: string, seq: number): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT recipient_id AS id FROM broadcast_recipient WHERE broadcast_id = ? AND task_seq = ?
       ORDER BY recipient_id`,
      [broadcastId, seq],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** planned → attempting, before the WeCom call; false when another runner took it. */
  async claimTask(taskId: string): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE broadcast_task SET state = 'attempting', attempted_at = NOW(3)
       WHERE id = ? AND state = 'planned'`,
      [taskId],
    );
    return Number(res.affectedRows) === 1;
  }

  /** A matched-back or retried attempt starts over (the call is known not to have created it). */
  async reattempt(taskId: string): Promise<void> {
    await this.db.query(
      `UPDATE broadcast_task SET attempted_at = NOW(3) WHERE id = ? AND state = 'attempting'`,
      [taskId],
    );
  }

  async taskCreated(taskId: string, msgid: string, failCount: number): Promise<void> {
    await this.db.query(
      `UPDATE broadcast_task SET state = 'created', msgid = ?, fail_count = ?, errcode = NULL,
         error = NULL WHERE id = ?`,
      [msgid, failCount, taskId],
    );
  }

  async taskFailed(taskId: string, errcode: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE broadcast_task SET state = 'failed', errcode = ?, error = ? WHERE id = ?`,
      [errcode, error.slice(0, 500), taskId],
    );
  }

  async taskProgress(
    taskId: string,
    sendStatus: number,
    sendTime: Date | null,
    resultsPulled: boolean,
  ): Promise<void> {
    await this.db.query(
      `UPDATE broadcast_task SET send_status = ?, send_time = ?, results_pulled = ? WHERE id = ?`,
      [sendStatus, sendTime, resultsPulled ? 1 : 0, taskId],
    );
  }

  /** msgids already stored for the broadcast (a matched-back task must not take one of them). */
  async msgids(broadcastId: string): Promise<Set<string>> {
    const rows = await this.db.query(
      'SELECT msgid FROM broadcast_task WHERE broadcast_id = ? AND msgid IS NOT NULL',
      [broadcastId],
    );
    return new Set(rows.map((r: { msgid: string }) => r.msgid));
  }

  async setRecipientStatus(
    broadcastId: string,
    ids: string[],
    status: number,
    sendTime: Date | null,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += 5000) {
      await this.db.query(
        `UPDATE broadcast_recipient SET status = ?, send_time = ?
         WHERE broadcast_id = ? AND recipient_id IN (?)`,
        [status, sendTime, broadcastId, ids.slice(i, i + 5000)],
      );
    }
  }

  /** Recipients per sender and status. */
  async totals(
    broadcastId: string,
  ): Promise<Array<{ senderUserId: string; status: number; n: number }>> {
    const rows = await this.db.query(
      `SELECT sender_user_id AS senderUserId, status, COUNT(*) AS n FROM broadcast_recipient
       WHERE broadcast_id = ? GROUP BY sender_user_id, status`,
      [broadcastId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      senderUserId: r.senderUserId as string,
      status: Number(r.status),
      n: Number(r.n),
    }));
  }

  async recipients(
    broadcastId: string,
    opts: { status?: number; senderUserId?: string; cursor?: string; limit: number },
  ): Promise<
    Array<{ recipientId: string; senderUserId: string; status: number; sendTime: Date | null }>
  > {
    const conditions: Array<[string, unknown]> = [['broadcast_id = ?', broadcastId]];
    if (opts.status !== undefined) conditions.push(['status = ?', opts.status]);
    if (opts.senderUserId) conditions.push(['sender_user_id = ?', opts.senderUserId]);
    if (opts.cursor) conditions.push(['recipient_id > ?', opts.cursor]);
    const where = conditions.map((c) => c[0]);
    const params = conditions.map((c) => c[1]);
    const rows = await this.db.query(
      `SELECT recipient_id AS recipientId, sender_user_id AS senderUserId, status,
         send_time AS sendTime
       FROM broadcast_recipient WHERE ${where.join(' AND ')} ORDER BY recipient_id LIMIT ?`,
      [...params, opts.limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      recipientId: r.recipientId as string,
      senderUserId: r.senderUserId as string,
      status: Number(r.status),
      sendTime: (r.sendTime as Date | null) ?? null,
    }));
  }

  // ------------------------------------------------------------------ settings

  async receiveLimit(corpId: string): Promise<ReceiveLimit> {
    const [r] = await this.db.query(
      'SELECT receive_limit AS v FROM broadcast_setting WHERE corp_id = ?',
      [corpId],
    );
    return (r?.v as ReceiveLimit) ?? 'day';
  }

  async setReceiveLimit(corpId: string, limit: ReceiveLimit): Promise<void> {
    await this.db.query(
      `INSERT INTO broadcast_setting (corp_id, receive_limit) VALUES (?, ?)
       ON DUPLICATE KEY UPDATE receive_limit = VALUES(receive_limit)`,
      [corpId, limit],
    );
  }
}
