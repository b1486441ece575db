import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TimelineEntry } from './customer-timeline.entries';
import type { MirrorTx } from './mirror-transaction.repository';
import { parseJson } from './follow-relation.repository';

export interface TimelineRow {
  id: string;
  externalUserId: string;
  userId: string | null;
  kind: string;
  detail: Record<string, unknown> | null;
  occurredAt: Date;
}

/** customer_timeline: append-only, deduplicated by (corp_id, dedupe_key). */
@Injectable()
export class CustomerTimelineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** INSERT IGNORE: an entry whose dedupe key exists (a replay) is not written twice. */
  async insertMany(tx: MirrorTx | null, corpId: string, entries: TimelineEntry[]): Promise<number> {
    if (!entries.length) return 0;
    const res: { affectedRows?: number } = await (tx ?? this.dataSource).query(
      `INSERT IGNORE INTO customer_timeline
         (corp_id, external_user_id, user_id, kind, detail, occurred_at, dedupe_key)
       VALUES ${entries.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      entries.flatMap((e) => [
        corpId,
        e.externalUserId,
        e.userId,
        e.kind,
        e.detail ? JSON.stringify(e.detail) : null,
        e.occurredAt,
        e.dedupeKey.slice(0, 191),
      ]),
    );
    return Number(res?.affectedRows ?? 0);
  }

  /** StaffUserIdRenamed: entries keep their history under the new userid. */
  async renameUserId(corpId: string, oldId: string, newId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE customer_timeline SET user_id = ? WHERE corp_id = ? AND user_id = ?',
      [newId, corpId, oldId],
    );
  }

  /**
   * Newest first by (occurred_at, id) on idx_timeline_customer; `beforeId` continues after that
   * entry (events arrive out of order, so ids alone do not follow time).
   */
  async list(
    corpId: string,
    externalUserId: string,
    limit: number,
    beforeId?: string,
  ): Promise<TimelineRow[]> {
    const params: unknown[] = [corpId, externalUserId];
    let after = '';
    if (beforeId) {
      const [anchor] = await this.dataSource.query(
        `SELECT occurred_at AS occurredAt FROM customer_timeline
         WHERE corp_id = ? AND external_user_id = ? AND id = ?`,
        [corpId, externalUserId, beforeId],
      );
      if (!anchor) return [];
      after = 'AND (occurred_at < ? OR (occurred_at = ? AND id < ?))';
      params.push(anchor.occurredAt, anchor.occurredAt, beforeId);
    }
    const rows = await this.dataSource.query(
      `SELECT id, external_user_id AS externalUserId, user_id AS userId, kind, detail,
              occurred_at AS occurredAt
       FROM customer_timeline
       WHERE corp_id = ? AND external_user_id = ? ${after}
       ORDER BY occurred_at DESC, id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      externalUserId: r.externalUserId as string,
      userId: (r.userId as string | null) ?? null,
      kind: r.kind as string,
      detail: parseJson<Record<string, unknown>>(r.detail),
      occurredAt: r.occurredAt as Date,
    }));
  }
}
