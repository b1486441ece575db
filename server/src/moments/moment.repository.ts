import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { MomentEntity, MomentState } from './entities/moment.entity';
import type { MomentInvalid } from './moment.types';

export interface MomentStaffRow {
  userId: string;
  publishStatus: number;
  visibleCount: number;
  sentCount: number;
  commentCount: number;
  likeCount: number;
}

export interface MomentInteractionRow {
  userId: string;
  kind: 'comment' | 'like';
  externalUserId: string;
  actorUserId: string;
  createTime: number;
}

export interface MomentCustomerRow {
  userId: string;
  externalUserId: string;
  visible: boolean;
  sent: boolean;
}

/**
 * Moments' data access (moment, moment_staff, moment_customer, moment_interaction). State changes
 * are conditional on the state they leave, so a job that runs twice changes nothing the second time.
 */
@Injectable()
export class MomentRepository {
  constructor(
    @InjectRepository(MomentEntity) private readonly moments: Repository<MomentEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  // ------------------------------------------------------------------ moments

  async insert(row: Partial<MomentEntity>): Promise<MomentEntity> {
    const saved = await this.moments.save(this.moments.create(row));
    return (await this.findById(saved.corpId, saved.id))!;
  }

  findById(corpId: string, id: string): Promise<MomentEntity | null> {
    return this.moments.findOneBy({ corpId, id });
  }

  /** The corp's moments, newest schedule first (states optional). */
  list(corpId: string, states: MomentState[] | undefined, limit: number): Promise<MomentEntity[]> {
    return this.moments.find({
      where: { corpId, ...(states?.length ? { state: In(states) } : {}) },
      order: { scheduledAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Moments scheduled (or created) in [from, to), for the campaign calendar. */
  inRange(corpId: string, from: Date, to: Date): Promise<MomentEntity[]> {
    return this.moments
      .createQueryBuilder('m')
      .where('m.corpId = :corpId AND m.scheduledAt >= :from AND m.scheduledAt < :to', {
        corpId,
        from,
        to,
      })
      .orderBy('m.scheduledAt', 'ASC')
      .getMany();
  }

  /** Edits a moment that is still waiting for its time; false when it no longer is. */
  async updateScheduled(
    corpId: string,
    id: string,
    patch: Partial<
      Pick<MomentEntity, 'title' | 'text' | 'attachments' | 'visible' | 'scheduledAt'>
    >,
  ): Promise<boolean> {
    const res = await this.moments
      .createQueryBuilder()
      .update()
      .set(patch)
      .where('corp_id = :corpId AND id = :id AND state = :state', {
        corpId,
        id,
        state: MomentState.Scheduled,
      })
      .execute();
    return (res.affected ?? 0) > 0;
  }

  async cancel(corpId: string, id: string): Promise<boolean> {
    const res = await this.moments.update(
      { corpId, id, state: MomentState.Scheduled },
      { state: MomentState.Cancelled },
    );
    return (res.affected ?? 0) > 0;
  }

  /**
   * scheduled → creating, committed before add_moment_task is called: a retry finds `creating`
   * and reconciles instead of calling again. Only for the schedule the job was enqueued for.
   */
  async claimForSubmit(id: string, scheduledAt: Date, now: Date): Promise<boolean> {
    const res = await this.moments.update(
      { id, state: MomentState.Scheduled, scheduledAt },
      { state: MomentState.Creating, submitStartedAt: now },
    );
    return (res.affected ?? 0) > 0;
  }

  /** A new submission of a `creating` moment (reconciling found nothing for long enough). */
  async restartSubmit(id: string, previous: Date, now: Date): Promise<boolean> {
    const res = await this.moments.update(
      { id, state: MomentState.Creating, submitStartedAt: previous },
      { submitStartedAt: now },
    );
    return (res.affected ?? 0) > 0;
  }

  async markSubmitted(id: string, jobId: string, at: Date): Promise<boolean> {
    const res = await this.moments.update(
      { id, state: MomentState.Creating },
      { state: MomentState.Submitted, jobId, jobCreatedAt: at },
    );
    return (res.affected ?? 0) > 0;
  }

  async markCreated(
    id: string,
    from: MomentState[],
    momentId: string,
    invalid: MomentInvalid | null,
    at: Date,
  ): Promise<boolean> {
    const res = await this.moments.update(
      { id, state: In(from) },
      { state: MomentState.Created, momentId, invalid, createdAtWecom: at, error: null },
    );
    return (res.affected ?? 0) > 0;
  }

  async markFailed(
    id: string,
    from: MomentState[],
    error: string,
    invalid: MomentInvalid | null = null,
  ): Promise<boolean> {
    const res = await this.moments.update(
      { id, state: In(from) },
      { state: MomentState.Failed, error: error.slice(0, 500), invalid },
    );
    return (res.affected ?? 0) > 0;
  }

  async notePull(id: string, at: Date): Promise<void> {
    await this.moments
      .createQueryBuilder()
      .update()
      .set({ resultsPulledAt: at, resultsPulls: () => 'results_pulls + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** The moment ids of the corp the SCRM already knows (reconciling skips them). */
  async knownMomentIds(corpId: string, momentIds: string[]): Promise<Set<string>> {
    if (!momentIds.length) return new Set();
    const rows = await this.moments.find({
      select: { momentId: true },
      where: { corpId, momentId: In(momentIds) },
    });
    return new Set(rows.map((r) => r.momentId!));
  }

  /** For the sweep: moments whose job may have been lost (due, stuck creating or polling). */
  async needingAttention(now: Date, staleMs: number, limit = 500): Promise<MomentEntity[]> {
    const stale = new Date(now.getTime() - staleMs);
    return this.moments
      .createQueryBuilder('m')
      .where('(m.state = :scheduled AND m.scheduledAt <= :stale)', {
        scheduled: MomentState.Scheduled,
        stale,
      })
      .orWhere('(m.state IN (:...busy) AND m.updatedAt <= :stale)', {
        busy: [MomentState.Creating, MomentState.Submitted],
        stale,
      })
      .orderBy('m.scheduledAt', 'ASC')
      .take(limit)
      .getMany();
  }

  // ------------------------------------------------------------------ results

  /** Each member's publish status (members WeCom lists; their counts are kept). */
  async upsertStaff(
    momentPk: string,
    corpId: string,
    tasks: Array<{ userId: string; publishStatus: number }>,
  ): Promise<void> {
    for (let i = 0; i < tasks.length; i += 500) {
      const chunk = tasks.slice(i, i + 500);
      await this.db.query(
        `INSERT INTO moment_staff (moment_pk, corp_id, user_id, publish_status)
         VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE publish_status = VALUES(publish_status)`,
        chunk.flatMap((t) => [momentPk, corpId, t.userId, t.publishStatus]),
      );
    }
  }

  /** Marks customers of one member as shown (visible) or sent to; a replay changes nothing. */
  async markCustomers(
    momentPk: string,
    corpId: string,
    userId: string,
    externalUserIds: string[],
    field: 'visible' | 'sent',
  ): Promise<void> {
    const column = field === 'visible' ? 'visible' : 'sent';
    for (let i = 0; i < externalUserIds.length; i += 1000) {
      const chunk = externalUserIds.slice(i, i + 1000);
      await this.db.query(
        `INSERT INTO moment_customer (moment_pk, corp_id, user_id, external_user_id, ${column})
         VALUES ${chunk.map(() => '(?, ?, ?, ?, 1)').join(', ')}
         ON DUPLICATE KEY UPDATE ${column} = 1`,
        chunk.flatMap((e) => [momentPk, corpId, userId, e]),
      );
    }
  }

  async insertInteractions(
    momentPk: string,
    corpId: string,
    rows: MomentInteractionRow[],
  ): Promise<void> {
    if (!rows.length) return;
    await this.db.query(
      `INSERT IGNORE INTO moment_interaction
         (moment_pk, corp_id, user_id, kind, external_user_id, actor_user_id, create_time)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((r) => [
        momentPk,
        corpId,
        r.userId,
        r.kind,
        r.externalUserId,
        r.actorUserId,
        r.createTime,
      ]),
    );
  }

  /** Recounts one member's row from the customer and interaction rows. */
  async recount(momentPk: string, userId: string): Promise<void> {
    await this.db.query(
      `UPDATE moment_staff s SET
         visible_count = (SELECT COUNT(*) FROM moment_customer c
                          WHERE c.moment_pk = s.moment_pk AND c.user_id = s.user_id AND c.visible = 1),
         sent_count = (SELECT COUNT(*) FROM moment_customer c
                       WHERE c.moment_pk = s.moment_pk AND c.user_id = s.user_id AND c.sent = 1),
         comment_count = (SELECT COUNT(*) FROM moment_interaction i
                          WHERE i.moment_pk = s.moment_pk AND i.user_id = s.user_id AND i.kind = 'comment'),
         like_count = (SELECT COUNT(*) FROM moment_interaction i
                       WHERE i.moment_pk = s.moment_pk AND i.user_id = s.user_id AND i.kind = 'like')
       WHERE s.moment_pk = ? AND s.user_id = ?`,
      [momentPk, userId],
    );
  }

  async staffRows(momentPk: string): Promise<MomentStaffRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT user_id, publish_status, visible_count, sent_count, comment_count, like_count
       FROM moment_staff WHERE moment_pk = ? ORDER BY user_id`,
      [momentPk],
    );
    return rows.map((r) => ({
      userId: String(r.user_id),
      publishStatus: Number(r.publish_status),
      visibleCount: Number(r.visible_count),
      sentCount: Number(r.sent_count),
      commentCount: Number(r.comment_count),
      likeCount: Number(r.like_count),
    }));
  }

  async interactions(momentPk: string, limit: number): Promise<MomentInteractionRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT user_id, kind, external_user_id, actor_user_id, create_time
       FROM moment_interaction WHERE moment_pk = ?
       ORDER BY create_time DESC, user_id LIMIT ?`,
      [momentPk, limit],
    );
    return rows.map((r) => ({
      userId: String(r.user_id),
      kind: r.kind as 'comment' | 'like',
      externalUserId: String(r.external_user_id),
      actorUserId: String(r.actor_user_id),
      createTime: Number(r.create_time),
    }));
  }

  /** A page of the customers of one moment (optionally of one member), by member then customer. */
  async customers(
    momentPk: string,
    userId: string | undefined,
    after: { userId: string; externalUserId: string } | undefined,
    limit: number,
  ): Promise<MomentCustomerRow[]> {
    const where = ['moment_pk = ?'];
    const params: unknown[] = [momentPk];
    if (userId) {
      where.push('user_id = ?');
      params.push(userId);
    }
    if (after) {
      where.push('(user_id, external_user_id) > (?, ?)');
      params.push(after.userId, after.externalUserId);
    }
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT user_id, external_user_id, visible, sent FROM moment_customer
       WHERE ${where.join(' AND ')} ORDER BY user_id, external_user_id LIMIT ?`,
      [...params, limit],
    );
    return rows.map((r) => ({
      userId: String(r.user_id),
      externalUserId: String(r.external_user_id),
      visible: Number(r.visible) === 1,
      sent: Number(r.sent) === 1,
    }));
  }
}
