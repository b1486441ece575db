import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  FINAL_STATES,
  ItemState,
  ItemType,
  OPEN_STATES,
  TransferKind,
  TransferStatus,
} from './transfer.types';

export interface TransferRow {
  id: string;
  corpId: string;
  kind: TransferKind;
  handoverUserId: string;
  status: TransferStatus;
  message: string | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  nextPollAt: Date | null;
  pollIntervalMs: number;
  pollCalls: number;
  notifiedAt: Date | null;
}

export interface ItemRow {
  id: string;
  transferId: string;
  itemType: ItemType;
  targetId: string;
  name: string;
  takeoverUserId: string | null;
  state: ItemState;
  batchId: string | null;
  errcode: number | null;
  reason: string | null;
  sentence: string | null;
  takeoverAt: Date | null;
  attempt: number;
  carriedAt: Date | null;
  updatedAt: Date;
}

export interface BatchRow {
  id: string;
  transferId: string;
  itemType: ItemType;
  takeoverUserId: string;
  state: 'pending' | 'calling' | 'done';
  notBefore: Date | null;
}

export interface NewItem {
  itemType: ItemType;
  targetId: string;
  name: string;
  takeoverUserId: string | null;
  /** `planned`, or `blocked` with its reason and sentence. */
  state: 'planned' | 'blocked';
  reason?: string | null;
  sentence?: string | null;
}

/** A batch to create: its items by target, and the day it may go out (groups: 300/day/owner). */
export interface NewBatch {
  itemType: ItemType;
  takeoverUserId: string;
  targetIds: string[];
  notBefore: Date | null;
}

export interface ItemResult {
  itemId: string;
  state: ItemState;
  errcode?: number | null;
  sentence?: string | null;
  takeoverAt?: Date | null;
}

export interface DepartureRow {
  userId: string;
  departedAt: Date | null;
  via: string;
  seenAt: Date;
  unassignedCustomers: number;
  inTransfer: number;
}

const ITEM_COLUMNS = `id, transfer_id AS transferId, item_type AS itemType, target_id AS targetId, name,
  takeover_user_id AS takeoverUserId, state, batch_id AS batchId, errcode, reason, sentence,
  takeover_at AS takeoverAt, attempt, carried_at AS carriedAt, updated_at AS updatedAt`;
const TRANSFER_COLUMNS = `id, corp_id AS corpId, kind, handover_user_id AS handoverUserId, status,
  message, created_by AS createdBy, created_at AS createdAt, finished_at AS finishedAt,
  next_poll_at AS nextPollAt, poll_interval_ms AS pollIntervalMs, poll_calls AS pollCalls,
  notified_at AS notifiedAt`;
const BATCH_COLUMNS = `id, transfer_id AS transferId, item_type AS itemType,
  takeover_user_id AS takeoverUserId, state, not_before AS notBefore`;

const toItem = (r: Record<string, unknown>): ItemRow => ({
  ...(r as unknown as ItemRow),
  id: String(r.id),
  transferId: String(r.transferId),
  batchId: r.batchId === null ? null : String(r.batchId),
  errcode: r.errcode === null ? null : Number(r.errcode),
  attempt: Number(r.attempt),
});
const toTransfer = (r: Record<string, unknown>): TransferRow => ({
  ...(r as unknown as TransferRow),
  id: String(r.id),
  pollIntervalMs: Number(r.pollIntervalMs),
  pollCalls: Number(r.pollCalls),
});
const toBatch = (r: Record<string, unknown>): BatchRow => ({
  ...(r as unknown as BatchRow),
  id: String(r.id),
  transferId: String(r.transferId),
});

/** Results grouped by outcome (state, errcode, sentence, takeover time) → item ids. */
function groupOutcomes(results: ItemResult[]): Array<[ItemResult, string[]]> {
  const groups = new Map<string, [ItemResult, string[]]>();
  for (const r of results) {
    const key = JSON.stringify([
      r.state,
      r.errcode ?? null,
      r.sentence ?? null,
      r.takeoverAt ?? null,
    ]);
    const g = groups.get(key) ?? [r, []];
    g[1].push(r.itemId);
    groups.set(key, g);
  }
  return [...groups.values()];
}

const inList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const OPEN = inList(OPEN_STATES);
const FINAL = inList(FINAL_STATES);

/**
 * Inheritance's data access (transfer, transfer_item, transfer_batch, transfer_audit,
 * transfer_departure, transfer_unassigned). Every write is a replay-safe UPDATE guarded by the
 * state it expects, so two workers, or a worker and its restart, never apply one step twice.
 */
@Injectable()
export class TransferRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ------------------------------------------------------------------ departures

  async upsertDeparture(
    corpId: string,
    userId: string,
    departedAt: Date | null,
    via: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO transfer_departure (corp_id, user_id, departed_at, via, seen_at)
       VALUES (?, ?, ?, ?, NOW(3))
       ON DUPLICATE KEY UPDATE departed_at = COALESCE(departed_at, VALUES(departed_at)),
         seen_at = NOW(3)`,
      [corpId, userId, departedAt, via],
    );
  }

  /** One page of get_unassigned_list, stamped with the read's start. */
  async upsertUnassigned(
    corpId: string,
    rows: Array<{ handoverUserId: string; externalUserId: string; dimissionTime: Date | null }>,
    seenAt: Date,
  ): Promise<void> {
    if (!rows.length) return;
    await this.db.query(
      `INSERT INTO transfer_unassigned
         (corp_id, handover_user_id, external_user_id, dimission_time, seen_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE dimission_time = VALUES(dimission_time), seen_at = VALUES(seen_at)`,
      rows.flatMap((r) => [corpId, r.handoverUserId, r.externalUserId, r.dimissionTime, seenAt]),
    );
  }

  /** After a complete read: what WeCom no longer lists is no longer unassigned. */
  async deleteUnassignedSeenBefore(corpId: string, seenAt: Date): Promise<void> {
    await this.db.query(`DELETE FROM transfer_unassigned WHERE corp_id = ? AND seen_at < ?`, [
      corpId,
      seenAt,
    ]);
  }

  async unassignedOf(corpId: string, userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT external_user_id AS id FROM transfer_unassigned
       WHERE corp_id = ? AND handover_user_id = ? ORDER BY external_user_id`,
      [corpId, userId],
    );
    return rows.map((r) => r.id);
  }

  async findDeparture(corpId: string, userId: string) {
    const [row] = await this.db.query(
      `SELECT user_id AS userId, departed_at AS departedAt, via FROM transfer_departure
       WHERE corp_id = ? AND user_id = ?`,
      [corpId, userId],
    );
    return (row as { userId: string; departedAt: Date | null; via: string } | undefined) ?? null;
  }

  /** Departures with the customers WeCom still lists for them and those inside a transfer. */
  async listDepartures(corpId: string): Promise<DepartureRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT d.user_id AS userId, d.departed_at AS departedAt, d.via, d.seen_at AS seenAt,
         (SELECT COUNT(*) FROM transfer_unassigned u
           WHERE u.corp_id = d.corp_id AND u.handover_user_id = d.user_id) AS unassignedCustomers,
         (SELECT COUNT(*) FROM transfer t JOIN transfer_item i ON i.transfer_id = t.id
           WHERE t.corp_id = d.corp_id AND t.handover_user_id = d.user_id
             AND i.state IN (${OPEN})) AS inTransfer
       FROM transfer_departure d WHERE d.corp_id = ?
       ORDER BY d.departed_at DESC, d.user_id`,
      [corpId],
    );
    return rows.map((r) => ({
      ...(r as unknown as DepartureRow),
      unassignedCustomers: Number(r.unassignedCustomers),
      inTransfer: Number(r.inTransfer),
    }));
  }

  // ------------------------------------------------------------------ checks

  /** Targets already inside an unfinished handover (any transfer). */
  async openTargets(corpId: string, itemType: ItemType, targetIds: string[]): Promise<Set<string>> {
    if (!targetIds.length) return new Set();
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT DISTINCT target_id AS id FROM transfer_item
       WHERE corp_id = ? AND item_type = ? AND target_id IN (?) AND state IN (${OPEN})`,
      [corpId, itemType, targetIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Handovers of each target accepted (or still running) since `since`. */
  async recentTransferCounts(
    corpId: string,
    itemType: ItemType,
    targetIds: string[],
    since: Date,
  ): Promise<Map<string, number>> {
    if (!targetIds.length) return new Map();
    const rows: Array<{ id: string; n: number }> = await this.db.query(
      `SELECT target_id AS id, COUNT(*) AS n FROM transfer_item
       WHERE corp_id = ? AND item_type = ? AND target_id IN (?)
         AND state IN ('accepted', 'waiting') AND updated_at >= ?
       GROUP BY target_id`,
      [corpId, itemType, targetIds, since],
    );
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  // ------------------------------------------------------------------ creating

  /**
   * The whole plan in one transaction: the transfer, every item (planned or blocked), every batch
   * of planned items, the audit line. Nothing is sent before this commits.
   */
  async createTransfer(input: {
    corpId: string;
    kind: TransferKind;
    handoverUserId: string;
    message: string | null;
    createdBy: string;
    items: NewItem[];
    batches: NewBatch[];
    audit: Record<string, unknown>;
  }): Promise<string> {
    return this.db.transaction(async (m) => {
      const res = await m.query(
        `INSERT INTO transfer (corp_id, kind, handover_user_id, message, created_by)
         VALUES (?, ?, ?, ?, ?)`,
        [input.corpId, input.kind, input.handoverUserId, input.message, input.createdBy],
      );
      const id = String(res.insertId);
      for (let i = 0; i < input.items.length; i += 500) {
        const chunk = input.items.slice(i, i + 500);
        await m.query(
          `INSERT INTO transfer_item
             (transfer_id, corp_id, item_type, target_id, name, takeover_user_id, state, reason, sentence)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((it) => [
            id,
            input.corpId,
            it.itemType,
            it.targetId,
            it.name.slice(0, 128),
            it.takeoverUserId,
            it.state,
            it.reason ?? null,
            it.sentence ?? null,
          ]),
        );
      }
      await this.insertBatches(m, id, input.corpId, input.batches);
      await this.insertAudit(m, input.corpId, id, input.createdBy, 'start', input.audit);
      return id;
    });
  }

  private async insertBatches(
    m: EntityManager,
    transferId: string,
    corpId: string,
    batches: NewBatch[],
  ): Promise<void> {
    for (const b of batches) {
      const res = await m.query(
        `INSERT INTO transfer_batch (transfer_id, corp_id, item_type, takeover_user_id, not_before)
         VALUES (?, ?, ?, ?, ?)`,
        [transferId, corpId, b.itemType, b.takeoverUserId, b.notBefore],
      );
      await m.query(
        `UPDATE transfer_item SET batch_id = ?
         WHERE transfer_id = ? AND item_type = ? AND target_id IN (?) AND state = 'planned'`,
        [String(res.insertId), transferId, b.itemType, b.targetIds],
      );
    }
  }

  private async insertAudit(
    m: EntityManager | DataSource,
    corpId: string,
    transferId: string | null,
    actor: string,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO transfer_audit (corp_id, transfer_id, actor, action, detail) VALUES (?, ?, ?, ?, ?)`,
      [corpId, transferId, actor, action, JSON.stringify(detail)],
    );
  }

  /**
   * Retry: the items go back to planned with the new successor (attempt + 1) in new batches, and
   * the transfer sends again, in one transaction.
   */
  async retryItems(input: {
    corpId: string;
    transferId: string;
    itemIds: string[];
    takeoverUserId: string;
    batches: NewBatch[];
    blocked: Array<{ itemId: string; reason: string; sentence: string }>;
    actor: string;
    audit: Record<string, unknown>;
  }): Promise<void> {
    await this.db.transaction(async (m) => {
      if (input.itemIds.length)
        await m.query(
          `UPDATE transfer_item SET state = 'planned', takeover_user_id = ?, attempt = attempt + 1,
             errcode = NULL, reason = NULL, sentence = NULL, takeover_at = NULL, batch_id = NULL,
             carried_at = NULL
           WHERE transfer_id = ? AND id IN (?) AND state IN ('refused', 'limit_reached', 'failed')`,
          [input.takeoverUserId, input.transferId, input.itemIds],
        );
      for (const b of input.blocked)
        await m.query(
          `UPDATE transfer_item SET reason = ?, sentence = ? WHERE transfer_id = ? AND id = ?`,
          [b.reason, b.sentence, input.transferId, b.itemId],
        );
      await this.insertBatches(m, input.transferId, input.corpId, input.batches);
      await m.query(
        `UPDATE transfer SET status = 'sending', finished_at = NULL, notified_at = NULL WHERE id = ?`,
        [input.transferId],
      );
      await this.insertAudit(m, input.corpId, input.transferId, input.actor, 'retry', input.audit);
    });
  }

  // ------------------------------------------------------------------ reading

  async findTransfer(corpId: string, id: string): Promise<TransferRow | null> {
    const [row] = await this.db.query(
      `SELECT ${TRANSFER_COLUMNS} FROM transfer WHERE corp_id = ? AND id = ?`,
      [corpId, id],
    );
    return row ? toTransfer(row) : null;
  }

  async findTransferById(id: string): Promise<TransferRow | null> {
    const [row] = await this.db.query(`SELECT ${TRANSFER_COLUMNS} FROM transfer WHERE id = ?`, [
      id,
    ]);
    return row ? toTransfer(row) : null;
  }

  async listTransfers(corpId: string, limit = 100): Promise<TransferRow[]> {
    const rows = await this.db.query(
      `SELECT ${TRANSFER_COLUMNS} FROM transfer WHERE corp_id = ? ORDER BY id DESC LIMIT ?`,
      [corpId, limit],
    );
    return rows.map(toTransfer);
  }

  async stateCounts(transferIds: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (!transferIds.length) return out;
    const rows: Array<{ t: string; type: string; state: string; n: number }> = await this.db.query(
      `SELECT transfer_id AS t, item_type AS type, state, COUNT(*) AS n FROM transfer_item
       WHERE transfer_id IN (?) GROUP BY transfer_id, item_type, state`,
      [transferIds],
    );
    for (const r of rows) {
      const key = `${String(r.t)}`;
      const counts = out.get(key) ?? {};
      counts[`${r.type}.${r.state}`] = Number(r.n);
      out.set(key, counts);
    }
    return out;
  }

  async items(
    transferId: string,
    filter: { state?: ItemState; itemType?: ItemType; afterId?: string; limit?: number } = {},
  ): Promise<ItemRow[]> {
    const where = ['transfer_id = ?'];
    const args: unknown[] = [transferId];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      args.push(value);
    };
    if (filter.state) add('state = ?', filter.state);
    if (filter.itemType) add('item_type = ?', filter.itemType);
    if (filter.afterId) add('id > ?', filter.afterId);
    const rows = await this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM transfer_item WHERE ${where.join(' AND ')}
       ORDER BY id LIMIT ?`,
      [...args, filter.limit ?? 100000],
    );
    return rows.map(toItem);
  }

  async itemsByIds(transferId: string, ids: string[]): Promise<ItemRow[]> {
    if (!ids.length) return [];
    const rows = await this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM transfer_item WHERE transfer_id = ? AND id IN (?) ORDER BY id`,
      [transferId, ids],
    );
    return rows.map(toItem);
  }

  async listAudit(corpId: string, limit = 200) {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT id, transfer_id AS transferId, actor, action, detail, created_at AS createdAt
       FROM transfer_audit WHERE corp_id = ? ORDER BY id DESC LIMIT ?`,
      [corpId, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      transferId: r.transferId === null ? null : String(r.transferId),
      actor: r.actor as string,
      action: r.action as string,
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<
        string,
        unknown
      > | null,
      createdAt: r.createdAt as Date,
    }));
  }

  // ------------------------------------------------------------------ sending

  /**
   * The sender's lease on a transfer: one worker sends a transfer's batches at a time, and a
   * batch found mid-call under a fresh lease was left by a worker that died.
   */
  async takeSendLease(transferId: string, token: string, leaseMs: number): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE transfer SET send_token = ?, send_lease_until = NOW(3) + INTERVAL ? MICROSECOND
       WHERE id = ? AND (send_token = ? OR send_lease_until IS NULL OR send_lease_until < NOW(3))`,
      [token, leaseMs * 1000, transferId, token],
    );
    return Number(res.affectedRows ?? 0) === 1;
  }

  async releaseSendLease(transferId: string, token: string): Promise<void> {
    await this.db.query(
      `UPDATE transfer SET send_token = NULL, send_lease_until = NULL
       WHERE id = ? AND send_token = ?`,
      [transferId, token],
    );
  }

  /** Batches still to send (or whose call was out when a worker died), oldest first. */
  async openBatches(transferId: string): Promise<BatchRow[]> {
    const rows = await this.db.query(
      `SELECT ${BATCH_COLUMNS} FROM transfer_batch
       WHERE transfer_id = ? AND state IN ('pending', 'calling') ORDER BY id`,
      [transferId],
    );
    return rows.map(toBatch);
  }

  async batchItems(batchId: string): Promise<ItemRow[]> {
    const rows = await this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM transfer_item WHERE batch_id = ? ORDER BY id`,
      [batchId],
    );
    return rows.map(toItem);
  }

  /**
   * Claims a pending batch for its WeCom call: batch `calling`, its items `sent`, committed
   * before the call. False: someone else claimed it (or it was done).
   */
  async claimBatch(batchId: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const res = await m.query(
        `UPDATE transfer_batch SET state = 'calling', called_at = NOW(3)
         WHERE id = ? AND state = 'pending'`,
        [batchId],
      );
      if (Number(res.affectedRows ?? 0) !== 1) return false;
      await m.query(
        `UPDATE transfer_item SET state = 'sent' WHERE batch_id = ? AND state = 'planned'`,
        [batchId],
      );
      return true;
    });
  }

  /**
   * The call's answer, per item, and the batch done, in one transaction. `requeue`: items that
   * go out again in a later batch (a group over the day's limit: `notBefore` the next day).
   */
  async completeBatch(
    batchId: string,
    results: ItemResult[],
    requeue?: { batch: NewBatch; transferId: string; corpId: string },
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.writeResults(m, results, `state IN ('sent', 'planned')`);
      if (requeue?.batch.targetIds.length) {
        await m.query(
          `UPDATE transfer_item SET state = 'planned', batch_id = NULL, errcode = NULL,
             sentence = NULL WHERE batch_id = ? AND target_id IN (?)`,
          [batchId, requeue.batch.targetIds],
        );
        await this.insertBatches(m, requeue.transferId, requeue.corpId, [requeue.batch]);
      }
      await m.query(`UPDATE transfer_batch SET state = 'done', done_at = NOW(3) WHERE id = ?`, [
        batchId,
      ]);
    });
  }

  /**
   * A batch found `calling` after a crash: what WeCom has (`known`) is written as WeCom says; the
   * items WeCom never got are planned again and the batch pending.
   */
  async reopenBatch(batchId: string, known: ItemResult[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.writeResults(m, known, `state = 'sent'`);
      await m.query(
        `UPDATE transfer_item SET state = 'planned' WHERE batch_id = ? AND state = 'sent'`,
        [batchId],
      );
      await m.query(
        `UPDATE transfer_batch SET state = 'pending' WHERE id = ? AND state = 'calling'`,
        [batchId],
      );
    });
  }

  /** Results in one UPDATE per distinct outcome (a batch of 100 is mostly one outcome). */
  private async writeResults(m: EntityManager | DataSource, results: ItemResult[], guard: string) {
    for (const [r, ids] of groupOutcomes(results))
      await m.query(
        `UPDATE transfer_item SET state = ?, errcode = ?, sentence = ?,
           takeover_at = COALESCE(?, takeover_at)
         WHERE id IN (?) AND ${guard}`,
        [r.state, r.errcode ?? null, r.sentence ?? null, r.takeoverAt ?? null, ids],
      );
  }

  // ------------------------------------------------------------------ tracking

  /** Results of transfer_result: only items still open move (a final state stays). */
  async applyResults(results: ItemResult[]): Promise<number> {
    let changed = 0;
    for (const [r, ids] of groupOutcomes(results)) {
      const res = await this.db.query(
        `UPDATE transfer_item SET state = ?, sentence = ?, takeover_at = COALESCE(?, takeover_at)
         WHERE id IN (?) AND state IN ('sent', 'waiting') AND NOT (state = ? AND takeover_at <=> ?)`,
        [r.state, r.sentence ?? null, r.takeoverAt ?? null, ids, r.state, r.takeoverAt ?? null],
      );
      changed += Number(res.affectedRows ?? 0);
    }
    return changed;
  }

  /**
   * A transfer_fail callback: the newest open handover of this customer to this successor
   * becomes refused / limit_reached. Returns its transfer id (null: no such handover).
   */
  async applyTransferFail(
    corpId: string,
    externalUserId: string,
    takeoverUserId: string,
    state: ItemState,
    sentence: string,
  ): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT id, transfer_id AS transferId FROM transfer_item
       WHERE corp_id = ? AND item_type = 'customer' AND target_id = ? AND takeover_user_id = ?
         AND state IN ('sent', 'waiting')
       ORDER BY id DESC LIMIT 1`,
      [corpId, externalUserId, takeoverUserId],
    );
    if (!row) return null;
    await this.db.query(
      `UPDATE transfer_item SET state = ?, sentence = ? WHERE id = ? AND state IN ('sent', 'waiting')`,
      [state, sentence, row.id],
    );
    return String(row.transferId);
  }

  /** Successors with customers whose handover is still out (sent or waiting). */
  async waitingTakeovers(transferId: string): Promise<string[]> {
    const rows: Array<{ u: string }> = await this.db.query(
      `SELECT DISTINCT takeover_user_id AS u FROM transfer_item
       WHERE transfer_id = ? AND item_type = 'customer' AND state IN ('sent', 'waiting')`,
      [transferId],
    );
    return rows.map((r) => r.u);
  }

  async openItemsOf(transferId: string, takeoverUserId: string): Promise<ItemRow[]> {
    const rows = await this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM transfer_item WHERE transfer_id = ? AND takeover_user_id = ?
         AND item_type = 'customer' AND state IN ('sent', 'waiting')`,
      [transferId, takeoverUserId],
    );
    return rows.map(toItem);
  }

  async countOpen(transferId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT COUNT(*) AS n FROM transfer_item WHERE transfer_id = ? AND state NOT IN (${FINAL})`,
      [transferId],
    );
    return Number(row.n);
  }

  async earliestTakeover(transferId: string): Promise<Date | null> {
    const [row] = await this.db.query(
      `SELECT MIN(takeover_at) AS t FROM transfer_item WHERE transfer_id = ? AND state = 'waiting'`,
      [transferId],
    );
    return (row?.t as Date | null) ?? null;
  }

  async setStatus(transferId: string, status: TransferStatus): Promise<void> {
    await this.db.query(
      `UPDATE transfer SET status = ?, finished_at = IF(? = 'finished', COALESCE(finished_at, NOW(3)), NULL)
       WHERE id = ?`,
      [status, status, transferId],
    );
  }

  async schedulePoll(transferId: string, at: Date, intervalMs: number): Promise<void> {
    await this.db.query(`UPDATE transfer SET next_poll_at = ?, poll_interval_ms = ? WHERE id = ?`, [
      at,
      intervalMs,
      transferId,
    ]);
  }

  async countPollCalls(transferId: string, calls: number): Promise<void> {
    await this.db.query(`UPDATE transfer SET poll_calls = poll_calls + ? WHERE id = ?`, [
      calls,
      transferId,
    ]);
  }

  /** Transfers with customers waiting whose next poll is due. */
  async duePolls(now: Date, limit = 50): Promise<TransferRow[]> {
    const rows = await this.db.query(
      `SELECT ${TRANSFER_COLUMNS} FROM transfer
       WHERE status = 'tracking' AND (next_poll_at IS NULL OR next_poll_at <= ?)
       ORDER BY next_poll_at LIMIT ?`,
      [now, limit],
    );
    return rows.map(toTransfer);
  }

  /** Accepted items whose carry-over has not run (after this attempt's acceptance). */
  async acceptedNotCarried(transferId: string): Promise<ItemRow[]> {
    const rows = await this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM transfer_item
       WHERE transfer_id = ? AND state = 'accepted' AND carried_at IS NULL ORDER BY id`,
      [transferId],
    );
    return rows.map(toItem);
  }

  async isCarried(itemId: string): Promise<boolean> {
    const rows: Array<{ carried: number }> = await this.db.query(
      `SELECT carried_at IS NOT NULL AS carried FROM transfer_item WHERE id = ?`,
      [itemId],
    );
    return Number(rows[0]?.carried ?? 0) === 1;
  }

  async markCarried(itemId: string): Promise<void> {
    await this.db.query(`UPDATE transfer_item SET carried_at = NOW(3) WHERE id = ?`, [itemId]);
  }

  /** The successor notice went out (once per transfer send). */
  async markNotified(transferId: string): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE transfer SET notified_at = NOW(3) WHERE id = ? AND notified_at IS NULL`,
      [transferId],
    );
    return Number(res.affectedRows ?? 0) === 1;
  }
}
