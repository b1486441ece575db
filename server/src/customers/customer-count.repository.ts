import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CLASSES_SQL,
  classesFromRows,
  COUNT_BITS,
  COUNT_SHARDS,
  COUNTED_MARKER,
} from './customer-counts.rules';
import type { MirrorTx } from './mirror-transaction.repository';

/** A relation's bits in SQL (customer-counts.rules.ts COUNT_BITS). */
const RELATION_BITS = `CASE r.status WHEN 'active' THEN ${COUNT_BITS.active}
  WHEN 'deleted_by_customer' THEN ${COUNT_BITS.deleted_by_customer}
  WHEN 'deleted_by_staff' THEN ${COUNT_BITS.deleted_by_staff} ELSE 0 END`;

/**
 * customer_count: customers per corp and class (customer-counts.rules.ts), in COUNT_SHARDS rows
 * per class that writers pick at random, so tens of thousands of callbacks a minute do not
 * queue on one row; a read sums them.
 */
@Injectable()
export class CustomerCountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The class of each of these customers as the transaction sees them (the relations are locked
   * by the caller; `lockRows` also locks the customer rows, for the state before a write).
   */
  async classesOf(
    tx: MirrorTx,
    corpId: string,
    externalUserIds: string[],
    lockRows: boolean,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!externalUserIds.length) return out;
    const rows: Array<{ ext: string }> = await tx.query(
      `SELECT external_user_id AS ext FROM customer WHERE corp_id = ? AND external_user_id IN (?)
       ${lockRows ? 'FOR UPDATE' : ''}`,
      [corpId, externalUserIds],
    );
    for (const r of rows) out.set(r.ext, COUNT_BITS.row);
    const rels: Array<{ ext: string; bits: string | number }> = await tx.query(
      `SELECT external_user_id AS ext, BIT_OR(${RELATION_BITS}) AS bits FROM follow_relation r
       WHERE corp_id = ? AND external_user_id IN (?) GROUP BY external_user_id`,
      [corpId, externalUserIds],
    );
    for (const r of rels) out.set(r.ext, (out.get(r.ext) ?? 0) | Number(r.bits));
    return out;
  }

  /** Adds the deltas to one shard (at random), rows in class order so writers never deadlock. */
  async addDeltas(tx: MirrorTx, corpId: string, deltas: Map<number, number>): Promise<void> {
    if (!deltas.size) return;
    const shard = Math.floor(Math.random() * COUNT_SHARDS);
    const rows = [...deltas].sort(([a], [b]) => a - b);
    await tx.query(
      `INSERT INTO customer_count (corp_id, mask, shard, n)
       VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE n = n + VALUES(n)`,
      rows.flatMap(([mask, d]) => [corpId, mask, shard, d]),
    );
  }

  /** Customers per class, or null when the corp was never counted (no marker row). */
  async classes(corpId: string): Promise<Map<number, number> | null> {
    return classesFromRows(await this.dataSource.query(CLASSES_SQL, [corpId]));
  }

  /** Corps the mirror or the counter knows (the repair command's default). */
  async corps(): Promise<string[]> {
    const rows: Array<{ corpId: string }> = await this.dataSource.query(
      `SELECT corp_id AS corpId FROM customer_count WHERE mask = ${COUNTED_MARKER}
       UNION SELECT DISTINCT corp_id FROM customer`,
    );
    return rows.map((r) => r.corpId);
  }

  /**
   * Counts the corp again from the mirror and replaces its rows. The corp's counter rows are
   * locked first (with the gaps between them), then the count is one consistent read: a writer
   * whose delta is not in it waits for the lock and adds it after, so nothing is lost or
   * counted twice. Seconds at a million customers; writers of the corp wait meanwhile.
   */
  async recount(corpId: string): Promise<Map<number, number>> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SELECT n FROM customer_count WHERE corp_id = ? FOR UPDATE', [corpId]);
      // customers (each with their relations' bits, by uq_customer_external and
      // idx_follow_customer_status), then relations whose customer has no row: two ordered index
      // walks, 4x faster than grouping the union of both tables
      const rows: Array<{ mask: number; n: string | number }> = [
        ...(await m.query(
          `SELECT mask, COUNT(*) AS n FROM (
             SELECT ${COUNT_BITS.row} | COALESCE((SELECT BIT_OR(${RELATION_BITS}) FROM follow_relation r
               WHERE r.corp_id = c.corp_id AND r.external_user_id = c.external_user_id), 0) AS mask
             FROM customer c FORCE INDEX (uq_customer_external) WHERE c.corp_id = ?
           ) k GROUP BY mask`,
          [corpId],
        )),
        ...(await m.query(
          `SELECT mask, COUNT(*) AS n FROM (
             SELECT BIT_OR(${RELATION_BITS}) AS mask FROM follow_relation r
             WHERE r.corp_id = ? AND NOT EXISTS (SELECT 1 FROM customer c
               WHERE c.corp_id = r.corp_id AND c.external_user_id = r.external_user_id)
             GROUP BY r.external_user_id
           ) k WHERE mask <> ${COUNTED_MARKER} GROUP BY mask`,
          [corpId],
        )),
      ];
      const classes = new Map<number, number>();
      for (const r of rows)
        classes.set(Number(r.mask), (classes.get(Number(r.mask)) ?? 0) + Number(r.n));
      await m.query('DELETE FROM customer_count WHERE corp_id = ?', [corpId]);
      const all: Array<[number, number]> = [[COUNTED_MARKER, 0], ...classes];
      await m.query(
        `INSERT INTO customer_count (corp_id, mask, shard, n)
         VALUES ${all.map(() => '(?, ?, 0, ?)').join(', ')}`,
        all.flatMap(([mask, n]) => [corpId, mask, n]),
      );
      return classes;
    });
  }
}
