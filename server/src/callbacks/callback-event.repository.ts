import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { CallbackEventEntity, CallbackEventStatus } from './entities/callback-event.entity';

/** The longest wait between two attempts of an event. */
const MAX_BACKOFF_MS = 3_600_000;

export interface NewCallbackEvent {
  corpId: string;
  dedupeKey: string;
  event: string;
  changeType: string;
  createTime: number;
  payload: Record<string, unknown>;
}

export interface CallbackEventFilter {
  corpId?: string;
  event?: string;
  changeType?: string;
  status?: CallbackEventStatus;
  from?: Date;
  to?: Date;
  /** keyset paging: rows with id below this */
  beforeId?: string;
  limit: number;
}

@Injectable()
export class CallbackEventRepository {
  constructor(
    @InjectRepository(CallbackEventEntity) private readonly repo: Repository<CallbackEventEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Stores the event unless the same one is already stored (WeCom's retries and duplicates).
   * Returns the row id and whether this call inserted it.
   */
  async insertIfNew(e: NewCallbackEvent): Promise<{ id: string; inserted: boolean }> {
    const result: { affectedRows: number; insertId: number } = await this.dataSource.query(
      `INSERT IGNORE INTO callback_event
         (corp_id, dedupe_key, event, change_type, create_time, payload, received_at, available_at)
       VALUES (?, ?, ?, ?, ?, ?, NOW(3), NOW(3))`,
      [e.corpId, e.dedupeKey, e.event, e.changeType, e.createTime, JSON.stringify(e.payload)],
    );
    if (result.affectedRows === 1) return { id: String(result.insertId), inserted: true };
    const [row] = await this.dataSource.query(
      'SELECT id FROM callback_event WHERE corp_id = ? AND dedupe_key = ?',
      [e.corpId, e.dedupeKey],
    );
    return { id: String(row.id), inserted: false };
  }

  findById(id: string): Promise<CallbackEventEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async list(f: CallbackEventFilter): Promise<CallbackEventEntity[]> {
    const qb = this.repo.createQueryBuilder('e').orderBy('e.id', 'DESC').take(f.limit);
    if (f.corpId) qb.andWhere('e.corp_id = :corpId', { corpId: f.corpId });
    if (f.event) qb.andWhere('e.event = :event', { event: f.event });
    if (f.changeType) qb.andWhere('e.change_type = :changeType', { changeType: f.changeType });
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.from) qb.andWhere('e.received_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.received_at < :to', { to: f.to });
    if (f.beforeId) qb.andWhere('e.id < :beforeId', { beforeId: f.beforeId });
    return qb.getMany();
  }

  /**
   * Claims up to `limit` due pending events for one batch: locked rows of other batches are
   * skipped, so workers drain the inbox side by side without waiting on each other. READ
   * COMMITTED, so the claim takes no gap locks that would hold up the API's inserts.
   */
  async claimBatch(limit: number, token: string): Promise<CallbackEventEntity[]> {
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      const due: { id: string }[] = await m.query(
        `SELECT id FROM callback_event
         WHERE status = 'pending' AND available_at <= NOW(3)
         ORDER BY available_at, id LIMIT ? FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!due.length) return [];
      const ids = due.map((r) => String(r.id));
      await m.query(
        `UPDATE callback_event
         SET status = 'processing', attempts = attempts + 1, claimed_at = NOW(3), claim_token = ?
         WHERE id IN (?)`,
        [token, ids],
      );
      return m.getRepository(CallbackEventEntity).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    });
  }

  /** Keeps a batch's claim alive while it works (see `releaseExpiredClaims`). */
  async renewClaim(ids: string[], token: string): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.query(
      `UPDATE callback_event SET claimed_at = NOW(3)
       WHERE id IN (?) AND claim_token = ? AND status = 'processing'`,
      [ids, token],
    );
  }

  /** Ends the batch's claim on these events: done, or skipped with the reason. */
  async settle(
    ids: string[],
    token: string,
    status: CallbackEventStatus.Done | CallbackEventStatus.Skipped,
    note: string | null = null,
  ): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.query(
      `UPDATE callback_event
       SET status = ?, processed_at = NOW(3), last_error = ?, claim_token = NULL, claimed_at = NULL
       WHERE id IN (?) AND claim_token = ?`,
      [status, note, ids, token],
    );
  }

  /**
   * These events of the batch failed with `error`: each is due again after `backoffMs` ×
   * 2^(attempts − 1) (at most an hour), or is kept as failed once it has had `maxAttempts`.
   */
  async retryLater(
    ids: string[],
    token: string,
    error: string,
    policy: { maxAttempts: number; backoffMs: number },
  ): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.query(
      `UPDATE callback_event
       SET status = IF(attempts >= ?, 'failed', 'pending'),
           available_at = DATE_ADD(NOW(3),
             INTERVAL LEAST(? * POW(2, GREATEST(attempts, 1) - 1), ?) * 1000 MICROSECOND),
           last_error = ?, claim_token = NULL, claimed_at = NULL
       WHERE id IN (?) AND claim_token = ?`,
      [policy.maxAttempts, policy.backoffMs, MAX_BACKOFF_MS, error.slice(0, 1000), ids, token],
    );
  }

  /**
   * Takes back claims not renewed for `leaseMs` (their worker died or hung): the events are due
   * again at once, or failed when that was their last attempt. Returns how many.
   */
  async releaseExpiredClaims(leaseMs: number, maxAttempts: number): Promise<number> {
    const result: { affectedRows: number } = await this.dataSource.query(
      `UPDATE callback_event
       SET status = IF(attempts >= ?, 'failed', 'pending'), available_at = NOW(3),
           last_error = 'claim expired: its worker stopped or stalled',
           claim_token = NULL, claimed_at = NULL
       WHERE status = 'processing' AND claimed_at < DATE_SUB(NOW(3), INTERVAL ? MICROSECOND)`,
      [maxAttempts, leaseMs * 1000],
    );
    return result.affectedRows;
  }

  /** Whether any pending event is due (a drain must run). */
  async hasDuePending(): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM callback_event WHERE status = 'pending' AND available_at <= NOW(3) LIMIT 1`,
    );
    return rows.length > 0;
  }

  /**
   * Makes finished events due again with a fresh set of attempts (events claimed by a batch
   * right now are left to it). Returns how many.
   */
  async resetForReplay(ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    const result: { affectedRows: number } = await this.dataSource.query(
      `UPDATE callback_event
       SET status = 'pending', attempts = 0, available_at = NOW(3), last_error = NULL
       WHERE id IN (?) AND status <> 'processing'`,
      [ids],
    );
    return result.affectedRows;
  }

  async idsByStatus(
    status: CallbackEventStatus,
    corpId: string | undefined,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.repo.find({
      select: { id: true },
      where: corpId ? { status, corpId } : { status },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows: { status: string; n: string }[] = await this.dataSource.query(
      'SELECT status, COUNT(*) AS n FROM callback_event GROUP BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
