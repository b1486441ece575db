import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExternalContact } from '../wecom/areas/external-contacts.types';
import type { MirrorTx } from './mirror-transaction.repository';

export interface CustomerRow {
  id: string;
  externalUserId: string;
  name: string;
  avatar: string;
  type: number;
  gender: number;
  unionId: string | null;
  corpName: string | null;
  corpFullName: string | null;
  position: string | null;
  firstAddedAt: Date | null;
  /** The list's added time: first_added_at, or when the row was made (read by the list only). */
  addedAt?: Date;
  syncedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `c.id, c.external_user_id AS externalUserId, c.name, c.avatar, c.type, c.gender,
  c.union_id AS unionId, c.corp_name AS corpName, c.corp_full_name AS corpFullName, c.position,
  c.first_added_at AS firstAddedAt, c.synced_at AS syncedAt, c.created_at AS createdAt,
  c.updated_at AS updatedAt`;

/** customer: one row per external contact of the corp. */
@Injectable()
export class CustomerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Upserts the customers' profiles (WeCom's current values win); first_added_at only moves
   * earlier. One multi-row statement.
   */
  async upsertMany(
    tx: MirrorTx,
    corpId: string,
    contacts: ExternalContact[],
    firstAddedAt: Map<string, Date>,
    syncedAt: Date,
  ): Promise<void> {
    if (!contacts.length) return;
    const values: unknown[] = [];
    for (const c of contacts) {
      values.push(
        corpId,
        c.external_userid,
        (c.name ?? '').slice(0, 128),
        (c.avatar ?? '').slice(0, 512),
        c.type ?? 1,
        c.gender ?? 0,
        c.unionid || null,
        c.corp_name ?? null,
        c.corp_full_name ?? null,
        c.position ?? null,
        firstAddedAt.get(c.external_userid) ?? null,
        syncedAt,
      );
    }
    await tx.query(
      `INSERT INTO customer (corp_id, external_user_id, name, avatar, type, gender, union_id,
         corp_name, corp_full_name, position, first_added_at, synced_at)
       VALUES ${contacts.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE name = VALUES(name), avatar = VALUES(avatar), type = VALUES(type),
         gender = VALUES(gender), union_id = VALUES(union_id), corp_name = VALUES(corp_name),
         corp_full_name = VALUES(corp_full_name), position = VALUES(position),
         first_added_at = LEAST(COALESCE(first_added_at, VALUES(first_added_at)),
                                COALESCE(VALUES(first_added_at), first_added_at)),
         synced_at = VALUES(synced_at)`,
      values,
    );
  }

  /**
   * The invariant the audience filter's "added before" bound relies on (docs/audience.md): a
   * customer's first_added_at is never later than any of their relations' added_at, whichever
   * writer set them (a snapshot, an add event's own time, a relation without a contact). Run in
   * the mirror's transaction after the relations are written; moves first_added_at only earlier.
   */
  async keepFirstAddedAt(tx: MirrorTx, corpId: string, externalUserIds: string[]): Promise<void> {
    if (!externalUserIds.length) return;
    await tx.query(
      `UPDATE customer c
       JOIN (SELECT external_user_id AS ext, MIN(added_at) AS first FROM follow_relation
             WHERE corp_id = ? AND external_user_id IN (?) AND added_at IS NOT NULL
             GROUP BY external_user_id) v
         ON c.corp_id = ? AND c.external_user_id = v.ext
       SET c.first_added_at = v.first
       WHERE c.first_added_at IS NULL OR c.first_added_at > v.first`,
      [corpId, externalUserIds, corpId],
    );
  }

  /**
   * The customers' last chat interaction (customer.last_chat_at, the audience filter's "last
   * chat"), moved forward only: an older message of a late batch never moves it back.
   */
  async recordLastChat(corpId: string, lastMs: Array<[string, number]>): Promise<void> {
    const sorted = [...lastMs].sort(([a], [b]) => (a < b ? -1 : 1));
    for (let i = 0; i < sorted.length; i += 500) {
      const part = sorted.slice(i, i + 500);
      await this.dataSource.query(
        `UPDATE customer c JOIN (${part
          .map(() => 'SELECT ? AS ext, ? AS t')
          .join(' UNION ALL ')}) v ON c.corp_id = ? AND c.external_user_id = v.ext
         SET c.last_chat_at = GREATEST(COALESCE(c.last_chat_at, v.t), v.t)`,
        [...part.flatMap(([ext, ms]) => [ext, new Date(ms)]), corpId],
      );
    }
  }

  async findByExternalUserId(corpId: string, externalUserId: string): Promise<CustomerRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM customer c WHERE c.corp_id = ? AND c.external_user_id = ?`,
      [corpId, externalUserId],
    );
    return row ? toCustomerRow(row) : null;
  }
}

function toCustomerRow(r: Record<string, unknown>): CustomerRow {
  return {
    id: String(r.id),
    externalUserId: r.externalUserId as string,
    name: r.name as string,
    avatar: r.avatar as string,
    type: Number(r.type),
    gender: Number(r.gender),
    unionId: (r.unionId as string | null) ?? null,
    corpName: (r.corpName as string | null) ?? null,
    corpFullName: (r.corpFullName as string | null) ?? null,
    position: (r.position as string | null) ?? null,
    firstAddedAt: (r.firstAddedAt as Date | null) ?? null,
    ...(r.addedAt ? { addedAt: r.addedAt as Date } : {}),
    syncedAt: (r.syncedAt as Date | null) ?? null,
    createdAt: r.createdAt as Date,
    updatedAt: r.updatedAt as Date,
  };
}
