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

/** Customers that have at least one relation matching every given field. */
export interface RelationFilter {
  userId?: string;
  state?: string;
  status?: string;
  addedFrom?: Date;
  addedTo?: Date;
}

/** The list's orders: when the customer was added (customer.added_at), or by name. */
export type CustomerSort = 'addedAt' | 'name';

export interface CustomerListFilter extends RelationFilter {
  /** Name prefix, or an exact external_userid. */
  q?: string;
  sort: CustomerSort;
  order: 'asc' | 'desc';
  /** Keyset: the sort key and id of the previous page's last row. */
  after?: { key: Date | string; id: string };
  limit: number;
}

const COLUMNS = `c.id, c.external_user_id AS externalUserId, c.name, c.avatar, c.type, c.gender,
  c.union_id AS unionId, c.corp_name AS corpName, c.corp_full_name AS corpFullName, c.position,
  c.first_added_at AS firstAddedAt, c.synced_at AS syncedAt, c.created_at AS createdAt,
  c.updated_at AS updatedAt`;

/**
 * When a relation filter matches at most this many relations (counted with a LIMIT on the
 * filter's own index), the page is driven from follow_relation; otherwise from customer by id.
 */
export const SELECTIVE_RELATIONS = 5000;

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

  async findByExternalUserId(corpId: string, externalUserId: string): Promise<CustomerRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM customer c WHERE c.corp_id = ? AND c.external_user_id = ?`,
      [corpId, externalUserId],
    );
    return row ? toCustomerRow(row) : null;
  }

  /**
   * One page of customers in the list's order (added time newest first by default, or name),
   * keyset on (key, id) over idx_customer_added / idx_customer_name: no OFFSET, no COUNT.
   * Without relation filters: a range scan of the sort index. With them: either the
   * same scan probing uq_follow_pair per customer (EXISTS), or, when the filter is selective,
   * the matching relations read from their own index and joined to customer.
   */
  async list(corpId: string, f: CustomerListFilter): Promise<CustomerRow[]> {
    const ids = await this.pageIds(corpId, f);
    if (!ids.length) return [];
    // the rows of the page by primary key, in the page's order
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, c.added_at AS addedAt FROM customer c WHERE c.id IN (?)`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    return ids.flatMap((id) => (byId.has(id) ? [toCustomerRow(byId.get(id)!)] : []));
  }

  /**
   * The page's ids only: every plan reads the sort index alone (a deferred join). Reading the
   * whole rows in the same statement made MariaDB 10.11 walk the entire range below a keyset
   * cursor before the LIMIT applied (4 s a page at 1,000,000 customers); on the index it stops
   * after `limit` entries (docs/benchmarks.md).
   */
  private async pageIds(corpId: string, f: CustomerListFilter): Promise<string[]> {
    const where: string[] = ['c.corp_id = ?'];
    const params: unknown[] = [corpId];
    const key = f.sort === 'name' ? 'c.name' : 'c.added_at';
    const dir = f.order === 'asc' ? 'ASC' : 'DESC';
    if (f.after) {
      // (key, id) past the previous page's last row: a range on the sort index, then the tie
      const cmp = dir === 'ASC' ? '>' : '<';
      where.push(`${key} ${cmp}= ? AND (${key} ${cmp} ? OR c.id ${cmp} ?)`);
      params.push(f.after.key, f.after.key, f.after.id);
    }
    if (f.q) {
      where.push('(c.name LIKE ? OR c.external_user_id = ?)');
      params.push(`${escapeLike(f.q)}%`, f.q);
    }
    const order = `ORDER BY ${key} ${dir}, c.id ${dir} LIMIT ?`;
    const rel = relationConditions(f);
    let rows: Array<{ id: string | number }>;
    if (!rel.sql.length) {
      rows = await this.dataSource.query(
        `SELECT c.id FROM customer c WHERE ${where.join(' AND ')} ${order}`,
        [...params, f.limit],
      );
    } else if (await this.isSelective(corpId, rel)) {
      rows = await this.dataSource.query(
        `SELECT c.id FROM customer c
         JOIN (SELECT DISTINCT r.external_user_id FROM follow_relation r
               WHERE r.corp_id = ? AND ${rel.sql.join(' AND ')}) m
           ON m.external_user_id = c.external_user_id
         WHERE ${where.join(' AND ')} ${order}`,
        [corpId, ...rel.params, ...params, f.limit],
      );
    } else {
      // walk the sort index and probe each customer's relations (uq_follow_pair), stopping at
      // `limit`: a correlated scalar subquery, because an EXISTS is turned into a semi-join that
      // first materializes every matching relation (0.4-3 s for 30 days of adds at 1,000,000)
      const index = f.sort === 'name' ? 'idx_customer_name' : 'idx_customer_added';
      rows = await this.dataSource.query(
        `SELECT c.id FROM customer c FORCE INDEX (${index})
         WHERE ${where.join(' AND ')}
           AND (SELECT 1 FROM follow_relation r
                WHERE r.corp_id = c.corp_id AND r.external_user_id = c.external_user_id
                  AND ${rel.sql.join(' AND ')} LIMIT 1) IS NOT NULL
         ${order}`,
        [...params, ...rel.params, f.limit],
      );
    }
    return rows.map((r) => String(r.id));
  }

  /** Bounded count on the filter's index: never more than SELECTIVE_RELATIONS + 1 rows read. */
  private async isSelective(
    corpId: string,
    rel: { sql: string[]; params: unknown[] },
  ): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM follow_relation r
         WHERE r.corp_id = ? AND ${rel.sql.join(' AND ')} LIMIT ${SELECTIVE_RELATIONS + 1}) t`,
      [corpId, ...rel.params],
    );
    return Number(row.n) <= SELECTIVE_RELATIONS;
  }
}

function relationConditions(f: RelationFilter): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (f.userId) {
    sql.push('r.user_id = ?');
    params.push(f.userId);
  }
  if (f.status) {
    sql.push('r.status = ?');
    params.push(f.status);
  }
  if (f.state) {
    sql.push('r.state = ?');
    params.push(f.state);
  }
  if (f.addedFrom) {
    sql.push('r.added_at >= ?');
    params.push(f.addedFrom);
  }
  if (f.addedTo) {
    sql.push('r.added_at < ?');
    params.push(f.addedTo);
  }
  return { sql, params };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
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
