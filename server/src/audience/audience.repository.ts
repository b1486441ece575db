import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLASSES_SQL, classesFromRows, countOf } from '../customers/customer-counts.rules';
import {
  customerConditions,
  drivers,
  isStatusOnly,
  relationConditions,
  ResolvedFilter,
  Sql,
  statusesOf,
} from './audience-sql';

/** The sort of a page: newest added first (the contract's), or by name. */
export type AudienceSort = 'addedAt' | 'name';

export interface AudiencePageQuery {
  sort: AudienceSort;
  order: 'asc' | 'desc';
  /** Keyset: the previous page's last (key, id). */
  after?: { key: Date | string; id: string };
  limit: number;
}

export interface AudienceCustomerRow {
  id: string;
  externalUserId: string;
  name: string;
  avatar: string;
  type: number;
  gender: number;
  corpName: string | null;
  firstAddedAt: Date | null;
  addedAt: Date;
  lastChatAt: Date | null;
}

/**
 * A candidate set (the smallest driver) read before the
 * customer rows when it has at most this many rows; otherwise the query walks the customer index
 * and probes each row.
 */
export const SELECTIVE_CANDIDATES = 30_000;
/** A driver this small is taken without counting the others. */
const GOOD_ENOUGH = 10_000;

/**
 * The audience module reads the customer mirror (customer, follow_relation), the marks
 * (customer_tag), staff and departments and customer groups: read-only, declared in
 * TABLE_READERS (architecture/table-ownership.ts). It writes none of them.
 */
@Injectable()
export class AudienceRepository {
  /** SELECTIVE_CANDIDATES; tests set 0 to check the scan plan on small data. */
  selectiveCandidates = SELECTIVE_CANDIDATES;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Staff whose departments are in the subtrees of `departmentIds` (departed ones included). */
  async staffInDepartments(corpId: string, departmentIds: number[]): Promise<string[]> {
    if (!departmentIds.length) return [];
    const rows: Array<{ userId: string }> = await this.dataSource.query(
      `WITH RECURSIVE sub (id) AS (
         SELECT id FROM department WHERE corp_id = ? AND id IN (?)
         UNION
         SELECT d.id FROM department d JOIN sub ON d.parent_id = sub.id
         WHERE d.corp_id = ? AND d.deleted_at IS NULL
       )
       SELECT s.user_id AS userId FROM staff s
       WHERE s.corp_id = ?
         AND JSON_OVERLAPS(s.department_ids, (SELECT JSON_ARRAYAGG(id) FROM sub))`,
      [corpId, departmentIds, corpId, corpId],
    );
    return rows.map((r) => r.userId);
  }

  /**
   * The candidates the query starts from, or null for a scan: the driver with the fewest rows
   * under SELECTIVE_CANDIDATES, each counted with a LIMIT on its own index (bounded by the best
   * so far), stopping at one under GOOD_ENOUGH. (An INTERSECT of two drivers cost more to build
   * than the probes it saved: docs/audience.md.)
   */
  private async candidates(corpId: string, f: ResolvedFilter): Promise<Sql | null> {
    let best: { d: Sql; n: number } | null = null;
    for (const d of drivers(corpId, f)) {
      const bound: number = best ? best.n : this.selectiveCandidates;
      const [row]: Array<{ n: string | number }> = await this.dataSource.query(
        `SELECT COUNT(*) AS n FROM (${d.sql} LIMIT ${bound + 1}) x`,
        d.params,
      );
      const n: number = Number(row.n);
      if (n <= bound) best = { d, n };
      // small enough: probing each candidate costs less than counting another driver
      if (best && best.n <= GOOD_ENOUGH) break;
    }
    return best?.d ?? null;
  }

  /**
   * `SELECT <columns> FROM …customers matching f… WHERE <extra>`: from the candidates when
   * selective (joined by uq_customer_external), else from customer with `index`.
   */
  private async from(
    corpId: string,
    f: ResolvedFilter,
    columns: string,
    index: string,
    extra: Sql = { sql: '', params: [] },
  ): Promise<Sql> {
    const conds = customerConditions(corpId, f);
    const where = extra.sql ? `${conds.sql} AND ${extra.sql}` : conds.sql;
    const cand = await this.candidates(corpId, f);
    if (!cand)
      return {
        sql: `SELECT ${columns} FROM customer c FORCE INDEX (${index}) WHERE ${where}`,
        params: [...conds.params, ...extra.params],
      };
    return {
      sql: `SELECT STRAIGHT_JOIN ${columns}
            FROM (SELECT DISTINCT external_user_id FROM (${cand.sql}) u) d
            JOIN customer c FORCE INDEX (uq_customer_external)
              ON c.corp_id = ? AND c.external_user_id = d.external_user_id
            WHERE ${where}`,
      params: [...cand.params, corpId, ...conds.params, ...extra.params],
    };
  }

  async count(corpId: string, f: ResolvedFilter): Promise<number> {
    if (isStatusOnly(f)) {
      const counted = await this.countedClasses(corpId);
      if (counted) return countOf(counted, statusesOf(f), true);
    }
    const q = await this.from(corpId, f, 'COUNT(*) AS n', 'idx_customer_corp_id');
    const [row] = await this.dataSource.query(q.sql, q.params);
    return Number(row.n);
  }

  /**
   * The customers module's maintained counter per class (customer_count, read-only here), or
   * null for a corp never counted (then the count probes the customers).
   */
  private async countedClasses(corpId: string): Promise<Map<number, number> | null> {
    return classesFromRows(await this.dataSource.query(CLASSES_SQL, [corpId]));
  }

  /** One keyset page's ids and sort keys, then their rows (a deferred join). */
  async page(
    corpId: string,
    f: ResolvedFilter,
    p: AudiencePageQuery,
  ): Promise<AudienceCustomerRow[]> {
    const key = p.sort === 'name' ? 'c.name' : 'c.added_at';
    const dir = p.order === 'asc' ? 'ASC' : 'DESC';
    const extra: Sql = { sql: '', params: [] };
    if (p.after) {
      const cmp = dir === 'ASC' ? '>' : '<';
      extra.sql = `${key} ${cmp}= ? AND (${key} ${cmp} ? OR c.id ${cmp} ?)`;
      extra.params = [p.after.key, p.after.key, p.after.id];
    }
    const index = p.sort === 'name' ? 'idx_customer_name' : 'idx_customer_added';
    const q = await this.from(corpId, f, 'c.id', index, extra);
    const ids: Array<{ id: string | number }> = await this.dataSource.query(
      `${q.sql} ORDER BY ${key} ${dir}, c.id ${dir} LIMIT ?`,
      [...q.params, p.limit],
    );
    return this.rowsByIds(ids.map((r) => String(r.id)));
  }

  /**
   * A stream's candidates, read once (at most SELECTIVE_CANDIDATES ids, sorted), or null when
   * the filter has no selective driver (the stream then walks the customer index by id).
   */
  async streamCandidates(corpId: string, f: ResolvedFilter): Promise<string[] | null> {
    const cand = await this.candidates(corpId, f);
    if (!cand) return null;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT external_user_id AS id FROM (${cand.sql}) u ORDER BY id`,
      cand.params,
    );
    return rows.map((r) => r.id);
  }

  /** Which of these candidates match the filter (id order). */
  async matchingAmong(
    corpId: string,
    f: ResolvedFilter,
    externalUserIds: string[],
  ): Promise<string[]> {
    if (!externalUserIds.length) return [];
    const conds = customerConditions(corpId, f);
    const rows: Array<{ ext: string }> = await this.dataSource.query(
      `SELECT c.external_user_id AS ext FROM customer c FORCE INDEX (uq_customer_external)
       WHERE c.external_user_id IN (?) AND ${conds.sql} ORDER BY c.id`,
      [externalUserIds, ...conds.params],
    );
    return rows.map((r) => r.ext);
  }

  /** The next `limit` matching customers with an id above `afterId` (streams: id order). */
  async idsAfter(
    corpId: string,
    f: ResolvedFilter,
    afterId: string,
    limit: number,
  ): Promise<Array<{ id: string; externalUserId: string }>> {
    const q = await this.from(
      corpId,
      f,
      'c.id, c.external_user_id AS externalUserId',
      'idx_customer_corp_id',
      { sql: 'c.id > ?', params: [afterId] },
    );
    const rows: Array<{ id: string | number; externalUserId: string }> =
      await this.dataSource.query(`${q.sql} ORDER BY c.id LIMIT ?`, [...q.params, limit]);
    return rows.map((r) => ({ id: String(r.id), externalUserId: r.externalUserId }));
  }

  async rowsByIds(ids: string[]): Promise<AudienceCustomerRow[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.query(`${CUSTOMER_COLUMNS} WHERE c.id IN (?)`, [ids]);
    return inOrder(ids, rows.map(toCustomer), (c) => c.id);
  }

  async rowsByExternalUserIds(corpId: string, ids: string[]): Promise<AudienceCustomerRow[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.query(
      `${CUSTOMER_COLUMNS} WHERE c.corp_id = ? AND c.external_user_id IN (?)`,
      [corpId, ids],
    );
    return inOrder(ids, rows.map(toCustomer), (c) => c.externalUserId);
  }

  /** Active relations of these customers (optionally of these staff only), newest added first. */
  async activeRelations(
    corpId: string,
    externalUserIds: string[],
    userIds?: string[],
  ): Promise<Array<{ externalUserId: string; userId: string; addedAt: Date | null }>> {
    if (!externalUserIds.length || (userIds && !userIds.length)) return [];
    return this.dataSource.query(
      `SELECT r.external_user_id AS externalUserId, r.user_id AS userId, r.added_at AS addedAt
       FROM follow_relation r
       WHERE r.corp_id = ? AND r.external_user_id IN (?) AND r.status = 'active'
         ${userIds ? 'AND r.user_id IN (?)' : ''}
       ORDER BY r.external_user_id, r.added_at DESC, r.user_id`,
      userIds ? [corpId, externalUserIds, userIds] : [corpId, externalUserIds],
    );
  }

  /**
   * The customers' names and, for each (customer, staff member) pair, that member's remark (what
   * the guide calls them): the broadcast results' recipients.
   */
  async customerNames(
    corpId: string,
    pairs: Array<{ externalUserId: string; userId: string }>,
  ): Promise<
    Array<{ externalUserId: string; userId: string | null; name: string; remark: string | null }>
  > {
    if (!pairs.length) return [];
    return this.dataSource.query(
      `SELECT c.external_user_id AS externalUserId, r.user_id AS userId, c.name, r.remark
       FROM customer c
       LEFT JOIN follow_relation r ON r.corp_id = c.corp_id
         AND r.external_user_id = c.external_user_id AND r.user_id IN (?)
       WHERE c.corp_id = ? AND c.external_user_id IN (?)`,
      [
        [...new Set(pairs.map((p) => p.userId))],
        corpId,
        [...new Set(pairs.map((p) => p.externalUserId))],
      ],
    );
  }

  /** Customer groups' names (the group broadcast results' recipients). */
  async groupNames(corpId: string, chatIds: string[]): Promise<Map<string, string>> {
    if (!chatIds.length) return new Map();
    const rows: Array<{ chatId: string; name: string }> = await this.dataSource.query(
      'SELECT chat_id AS chatId, name FROM group_chat WHERE corp_id = ? AND chat_id IN (?)',
      [corpId, [...new Set(chatIds)]],
    );
    return new Map(rows.map((r) => [r.chatId, r.name]));
  }

  /**
   * The external_userid `skip` relations after `after` (in idx_follow_customer_status order), or
   * undefined when fewer are left: the end of a range of about `skip` relations.
   */
  async relationKeyAfter(
    corpId: string,
    after: string | undefined,
    skip: number,
  ): Promise<string | undefined> {
    const rows: Array<{ ext: string }> = await this.dataSource.query(
      `SELECT r.external_user_id AS ext FROM follow_relation r FORCE INDEX (idx_follow_customer_status)
       WHERE r.corp_id = ? ${after === undefined ? '' : 'AND r.external_user_id > ?'}
       ORDER BY r.external_user_id LIMIT 1 OFFSET ?`,
      after === undefined ? [corpId, skip] : [corpId, after, skip],
    );
    return rows[0]?.ext;
  }

  /** The relations of these customers that meet the filter's relation conditions. */
  async matchingRelations(
    corpId: string,
    externalUserIds: string[],
    f: ResolvedFilter,
  ): Promise<Array<{ externalUserId: string; userId: string }>> {
    if (!externalUserIds.length) return [];
    const rel = relationConditions(f);
    return this.dataSource.query(
      `SELECT r.external_user_id AS externalUserId, r.user_id AS userId FROM follow_relation r
       WHERE r.corp_id = ? AND r.external_user_id IN (?) AND ${rel.sql}
       ORDER BY r.external_user_id, r.user_id`,
      [corpId, externalUserIds, ...rel.params],
    );
  }

  /** What an export writes of these customers: relations in `statuses` with staff names. */
  async exportRelations(
    corpId: string,
    externalUserIds: string[],
    statuses: string[],
  ): Promise<
    Array<{
      externalUserId: string;
      userId: string;
      staffName: string | null;
      remark: string;
      description: string;
      addedAt: Date | null;
    }>
  > {
    if (!externalUserIds.length) return [];
    return this.dataSource.query(
      `SELECT r.external_user_id AS externalUserId, r.user_id AS userId, s.name AS staffName,
              r.remark, r.description, r.added_at AS addedAt
       FROM follow_relation r
       LEFT JOIN staff s ON s.corp_id = r.corp_id AND s.user_id = r.user_id
       WHERE r.corp_id = ? AND r.external_user_id IN (?) AND r.status IN (?)
       ORDER BY r.external_user_id, r.added_at, r.user_id`,
      [corpId, externalUserIds, statuses],
    );
  }

  /** The effective tags of these customers (marks on relations in `statuses`), with names. */
  async effectiveTags(
    corpId: string,
    externalUserIds: string[],
    statuses: string[],
  ): Promise<
    Array<{
      externalUserId: string;
      tagId: string;
      tagName: string | null;
      groupName: string | null;
    }>
  > {
    if (!externalUserIds.length) return [];
    return this.dataSource.query(
      `SELECT DISTINCT t.external_user_id AS externalUserId, t.tag_id AS tagId,
              tg.name AS tagName, g.name AS groupName
       FROM customer_tag t
       JOIN follow_relation r ON r.corp_id = t.corp_id AND r.external_user_id = t.external_user_id
        AND r.user_id = t.user_id AND r.status IN (?)
       LEFT JOIN tag tg ON tg.corp_id = t.corp_id AND tg.tag_id = t.tag_id
       LEFT JOIN tag_group g ON g.corp_id = tg.corp_id AND g.group_id = tg.group_id
       WHERE t.corp_id = ? AND t.external_user_id IN (?)
       ORDER BY t.external_user_id, g.name, tg.name`,
      [statuses, corpId, externalUserIds],
    );
  }
}

const CUSTOMER_COLUMNS = `SELECT c.id, c.external_user_id AS externalUserId, c.name, c.avatar,
  c.type, c.gender, c.corp_name AS corpName, c.first_added_at AS firstAddedAt,
  c.added_at AS addedAt, c.last_chat_at AS lastChatAt FROM customer c`;

function toCustomer(r: Record<string, unknown>): AudienceCustomerRow {
  return {
    id: String(r.id),
    externalUserId: r.externalUserId as string,
    name: r.name as string,
    avatar: r.avatar as string,
    type: Number(r.type),
    gender: Number(r.gender),
    corpName: (r.corpName as string | null) ?? null,
    firstAddedAt: (r.firstAddedAt as Date | null) ?? null,
    addedAt: r.addedAt as Date,
    lastChatAt: (r.lastChatAt as Date | null) ?? null,
  };
}

/** `rows` in the order of `keys` (keys without a row are left out). */
function inOrder<T>(keys: string[], rows: T[], keyOf: (row: T) => string): T[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
}
