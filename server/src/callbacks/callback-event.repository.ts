import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { groupBy } from '../common/collections';
import { retryOnLockConflict } from '../common/lock-conflict';
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
  /** The caller's corps (undefined: every corp). */
  corpIds?: string[];
  event?: string;
  changeType?: string;
  status?: CallbackEventStatus;
  from?: Date;
  to?: Date;
  /** keyset paging: rows with id below this */
  beforeId?: string;
  limit: number;
}

/** What storing one event answered: its row, and whether this call created it. */
export interface StoredEvent {
  id: string;
  inserted: boolean;
}

/**
 * Lets the caller of `insertIfNew` withdraw its event while it still waits for a statement:
 * `withdraw` is set while it waits, and null once the event is in a statement (too late).
 */
export class InsertTicket {
  withdraw: ((reason: unknown) => void) | null = null;
}

interface WaitingInsert {
  event: NewCallbackEvent;
  ticket?: InsertTicket;
  resolve: (stored: StoredEvent) => void;
  reject: (err: unknown) => void;
}

/** Inbox INSERTs one API process runs at once; events arriving meanwhile share the next one. */
const MAX_INSERTS_IN_FLIGHT = 2;
/** Events one INSERT carries at most. */
const MAX_INSERT_ROWS = 64;

/** A row as the claim reads it (raw: no entity hydration on the hot path). */
interface ClaimedRow {
  id: string | number;
  corp_id: string;
  dedupe_key: string;
  event: string;
  change_type: string;
  create_time: number;
  payload: string | Record<string, unknown>;
  attempts: number;
  received_at: Date;
  available_at: Date;
}

/** The claimed event as the handlers see it (status and attempts as the claim set them). */
function claimedEvent(r: ClaimedRow, token: string): CallbackEventEntity {
  return Object.assign(new CallbackEventEntity(), {
    id: String(r.id),
    corpId: r.corp_id,
    dedupeKey: r.dedupe_key,
    event: r.event,
    changeType: r.change_type,
    createTime: Number(r.create_time),
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    status: CallbackEventStatus.Processing,
    attempts: Number(r.attempts) + 1,
    lastError: null,
    receivedAt: r.received_at,
    availableAt: r.available_at,
    claimedAt: new Date(),
    claimToken: token,
    processedAt: null,
  });
}

const keyOf = (corpId: string, dedupeKey: string) => `${corpId}\u0000${dedupeKey}`;

@Injectable()
export class CallbackEventRepository {
  private readonly waitingInserts: WaitingInsert[] = [];
  private insertsInFlight = 0;
  private returning?: Promise<boolean>;

  constructor(
    @InjectRepository(CallbackEventEntity) private readonly repo: Repository<CallbackEventEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Stores the event unless the same one is already stored (WeCom's retries and duplicates).
   * Returns the row id and whether this call inserted it.
   *
   * Group commit: at most MAX_INSERTS_IN_FLIGHT inserts run at once from this process; events
   * that arrive meanwhile wait and go in together as one multi-row INSERT (on MariaDB, `INSERT
   * IGNORE … RETURNING` says exactly which rows were new). A lone event is inserted at once, so
   * nothing waits when the API is quiet; under load, one statement and one commit carry many
   * events (a third of MariaDB's CPU per event at 4 rows, a fifth at 16: docs/benchmarks.md).
   *
   * `ticket`: lets the caller withdraw the event once it gave up (it answered WeCom 503, WeCom
   * will retry). An event still waiting for its statement is then dropped (rejected with the
   * reason) instead of adding to the backlog a stalled database finds when it returns; one
   * already in a statement is stored all the same, and the retry finds it.
   */
  insertIfNew(e: NewCallbackEvent, ticket?: InsertTicket): Promise<StoredEvent> {
    return new Promise((resolve, reject) => {
      const waiting: WaitingInsert = { event: e, ticket, resolve, reject };
      this.waitingInserts.push(waiting);
      if (ticket)
        ticket.withdraw = (reason) => {
          ticket.withdraw = null;
          const at = this.waitingInserts.indexOf(waiting);
          if (at !== -1) this.waitingInserts.splice(at, 1);
          reject(reason);
        };
      this.startInserts();
    });
  }

  /** Events waiting for an INSERT statement (not yet in one). */
  get waitingInsertCount(): number {
    return this.waitingInserts.length;
  }

  private startInserts(): void {
    while (this.insertsInFlight < MAX_INSERTS_IN_FLIGHT && this.waitingInserts.length) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.insertsInFlight += 1;
      void this.insertMany(batch.map((w) => w.event))
        .then(
          (stored) => batch.forEach((w, i) => w.resolve(stored[i])),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          this.insertsInFlight -= 1;
          this.startInserts();
        });
    }
  }

  /** Up to MAX_INSERT_ROWS waiting events, now past withdrawing. */
  private takeBatch(): WaitingInsert[] {
    const batch = this.waitingInserts.splice(0, MAX_INSERT_ROWS);
    for (const w of batch) if (w.ticket) w.ticket.withdraw = null;
    return batch;
  }

  /** Stores many events in one statement; the answer is per event, in order. */
  async insertMany(events: NewCallbackEvent[]): Promise<StoredEvent[]> {
    if (events.length === 1 || !(await this.supportsReturning()))
      return Promise.all(events.map((e) => this.insertOne(e)));
    const values = events.flatMap((e) => [
      e.corpId,
      e.dedupeKey,
      e.event,
      e.changeType,
      e.createTime,
      JSON.stringify(e.payload),
    ]);
    const inserted: { id: string; corp_id: string; dedupe_key: string }[] =
      await this.dataSource.query(
        `INSERT IGNORE INTO callback_event
           (corp_id, dedupe_key, event, change_type, create_time, payload, received_at, available_at)
         VALUES ${events.map(() => '(?, ?, ?, ?, ?, ?, NOW(3), NOW(3))').join(', ')}
         RETURNING id, corp_id, dedupe_key`,
        values,
      );
    const ids = new Map(inserted.map((r) => [keyOf(r.corp_id, r.dedupe_key), String(r.id)]));
    const claimed = new Set<string>(); // the first of two equal events in one batch is the new one
    const out: Array<StoredEvent | null> = events.map((e) => {
      const key = keyOf(e.corpId, e.dedupeKey);
      const id = ids.get(key);
      if (!id || claimed.has(key)) return null;
      claimed.add(key);
      return { id, inserted: true };
    });
    const known = await this.idsOf(events.filter((_, i) => out[i] === null));
    return out.map(
      (r, i) =>
        r ?? {
          id:
            ids.get(keyOf(events[i].corpId, events[i].dedupeKey)) ??
            (known.get(keyOf(events[i].corpId, events[i].dedupeKey)) as string),
          inserted: false,
        },
    );
  }

  private async insertOne(e: NewCallbackEvent): Promise<StoredEvent> {
    const result: { affectedRows: number; insertId: number } = await this.dataSource.query(
      `INSERT IGNORE INTO callback_event
         (corp_id, dedupe_key, event, change_type, create_time, payload, received_at, available_at)
       VALUES (?, ?, ?, ?, ?, ?, NOW(3), NOW(3))`,
      [e.corpId, e.dedupeKey, e.event, e.changeType, e.createTime, JSON.stringify(e.payload)],
    );
    if (result.affectedRows === 1) return { id: String(result.insertId), inserted: true };
    const known = await this.idsOf([e]);
    return { id: known.get(keyOf(e.corpId, e.dedupeKey)) as string, inserted: false };
  }

  /** The stored rows' ids of these events (already stored), by corp and dedupe key. */
  private async idsOf(events: NewCallbackEvent[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [corpId, same] of groupBy(events, (e) => e.corpId)) {
      const rows: { id: string; dedupe_key: string }[] = await this.dataSource.query(
        'SELECT id, dedupe_key FROM callback_event WHERE corp_id = ? AND dedupe_key IN (?)',
        [corpId, same.map((e) => e.dedupeKey)],
      );
      for (const r of rows) out.set(keyOf(corpId, r.dedupe_key), String(r.id));
    }
    return out;
  }

  /** MariaDB 10.5+ answers `INSERT … RETURNING`; MySQL does not (one INSERT per event there). */
  private supportsReturning(): Promise<boolean> {
    this.returning ??= this.dataSource
      .query('SELECT VERSION() AS v')
      .then(([{ v }]: { v: string }[]) => {
        const m = /^(\d+)\.(\d+).*mariadb/i.exec(v);
        return !!m && (Number(m[1]) > 10 || (Number(m[1]) === 10 && Number(m[2]) >= 5));
      })
      .catch((err: unknown) => {
        this.returning = undefined; // ask again next time
        throw err;
      });
    return this.returning;
  }

  findById(id: string): Promise<CallbackEventEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async list(f: CallbackEventFilter): Promise<CallbackEventEntity[]> {
    const qb = this.repo.createQueryBuilder('e').orderBy('e.id', 'DESC').take(f.limit);
    if (f.corpId) qb.andWhere('e.corp_id = :corpId', { corpId: f.corpId });
    if (f.corpIds) qb.andWhere('e.corp_id IN (:...corpIds)', { corpIds: [...f.corpIds, ''] });
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
    return retryOnLockConflict(() => this.claimOnce(limit, token));
  }

  private claimOnce(limit: number, token: string): Promise<CallbackEventEntity[]> {
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      const due: ClaimedRow[] = await m.query(
        `SELECT id, corp_id, dedupe_key, event, change_type, create_time, payload, attempts,
           received_at, available_at
         FROM callback_event
         WHERE status = 'pending' AND available_at <= NOW(3)
         ORDER BY available_at, id LIMIT ? FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!due.length) return [];
      await m.query(
        `UPDATE callback_event
         SET status = 'processing', attempts = attempts + 1, claimed_at = NOW(3), claim_token = ?
         WHERE id IN (?)`,
        [token, due.map((r) => r.id)],
      );
      return due.map((r) => claimedEvent(r, token));
    });
  }

  /**
   * One UPDATE of a batch's claimed rows (renew, settle, retry later), run again when InnoDB picks
   * it as a deadlock victim (the API's group-committed inbox inserts take locks on the same index
   * pages): it only touches rows still carrying this batch's token, so repeating it is safe. Left
   * unretried, one deadlock left a whole batch `processing` until the sweep took it back after
   * CALLBACK_LEASE_MS (30 s of lag; docs/benchmarks.md).
   */
  private async updateClaimed(sql: string, params: unknown[]): Promise<void> {
    await retryOnLockConflict(() => this.dataSource.query(sql, params));
  }

  /** Keeps a batch's claim alive while it works (see `releaseExpiredClaims`). */
  async renewClaim(ids: string[], token: string): Promise<void> {
    if (!ids.length) return;
    await this.updateClaimed(
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
    await this.updateClaimed(
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
    await this.updateClaimed(
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

  /** Which of `ids` exist (within the corps `corpIds`, when given). */
  async existingIds(ids: string[], corpIds?: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.repo.find({
      select: { id: true },
      where: { id: In(ids), ...(corpIds ? { corpId: In([...corpIds, '']) } : {}) },
    });
    return new Set(rows.map((r) => String(r.id)));
  }

  async idsByStatus(
    status: CallbackEventStatus,
    corpId: string | undefined,
    limit: number,
    corpIds?: string[],
  ): Promise<string[]> {
    const corps = corpId ? corpId : corpIds ? In([...corpIds, '']) : undefined;
    const rows = await this.repo.find({
      select: { id: true },
      where: corps ? { status, corpId: corps } : { status },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /** Events of this corp that failed for good (the event log's "failed" filter). */
  async countFailed(corpId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      "SELECT COUNT(*) AS n FROM callback_event WHERE corp_id = ? AND status = 'failed'",
      [corpId],
    );
    return Number(row?.n ?? 0);
  }

  async countByStatus(corpIds?: string[]): Promise<Record<string, number>> {
    const rows: { status: string; n: string }[] = corpIds
      ? await this.dataSource.query(
          'SELECT status, COUNT(*) AS n FROM callback_event WHERE corp_id IN (?) GROUP BY status',
          [[...corpIds, '']],
        )
      : await this.dataSource.query(
          'SELECT status, COUNT(*) AS n FROM callback_event GROUP BY status',
        );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
