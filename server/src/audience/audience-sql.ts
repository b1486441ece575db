import type { AudienceFilter, AudienceRelationStatus, TagCondition } from './audience-filter';

/**
 * The audience filter compiled to SQL over `customer c` (docs/audience.md). Pure: no database,
 * so the plan's choices are unit-tested; `AudienceRepository` runs what this returns.
 *
 * Semantics (the contract's, made precise):
 * - Relation conditions (staff, departments, channels, added range) hold on ONE relation of the
 *   customer whose status is in `relationStatus` (default active); with none of them, the
 *   customer needs any relation in `relationStatus`.
 * - A customer's effective tags are the union of the marks on their relations in
 *   `relationStatus` (whoever follows them): `any` = at least one of the tags, `all` = every one,
 *   `none` = not one.
 * - `groups.chatIds`: a current member (not left) of one of these groups, not dismissed;
 *   `groups.none`: a current member of no live group.
 * - `lastChatFrom`/`lastChatTo`: the customer's last chat interaction (customer.last_chat_at,
 *   kept by chat-archive's ingestion) in the range; a customer who never chatted matches neither.
 * - `search`: a substring of the customer's name, or of the remark or description of one of
 *   their relations in `relationStatus`, or exactly their external_userid.
 */
export interface ResolvedFilter extends AudienceFilter {
  /** Staff userids the relation conditions allow (staffUserIds ∩ departments' staff); [] = none. */
  relationUserIds?: string[];
  /** Contact way states of the relation (the customer list's `state`; not in the contract). */
  relationStates?: string[];
}

export interface Sql {
  sql: string;
  params: unknown[];
}

export const DEFAULT_STATUS: AudienceRelationStatus[] = ['active'];

export const statusesOf = (f: AudienceFilter): AudienceRelationStatus[] =>
  f.relationStatus?.length ? [...new Set(f.relationStatus)] : DEFAULT_STATUS;

/** `%…%` with LIKE's wildcards escaped. */
export function likeContains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The relation conditions of one relation `r` (status included). */
export function relationConditions(f: ResolvedFilter, alias = 'r'): Sql {
  const sql: string[] = [`${alias}.status IN (?)`];
  const params: unknown[] = [statusesOf(f)];
  if (f.relationUserIds) {
    if (!f.relationUserIds.length) sql.push('0 = 1');
    else {
      sql.push(`${alias}.user_id IN (?)`);
      params.push(f.relationUserIds);
    }
  }
  if (f.channelIds?.length) {
    sql.push(`${alias}.channel_id IN (?)`);
    params.push(f.channelIds);
  }
  if (f.relationStates?.length) {
    sql.push(`${alias}.state IN (?)`);
    params.push(f.relationStates);
  }
  if (f.addedFrom) {
    sql.push(`${alias}.added_at >= ?`);
    params.push(new Date(f.addedFrom));
  }
  if (f.addedTo) {
    sql.push(`${alias}.added_at < ?`);
    params.push(new Date(f.addedTo));
  }
  return { sql: sql.join(' AND '), params };
}

/** The last chat interaction's range (customer.last_chat_at, written by chat-archive). */
function lastChatRange(f: AudienceFilter, alias: string): Sql {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (f.lastChatFrom) {
    sql.push(`${alias}.last_chat_at >= ?`);
    params.push(new Date(f.lastChatFrom));
  }
  if (f.lastChatTo) {
    sql.push(`${alias}.last_chat_at < ?`);
    params.push(new Date(f.lastChatTo));
  }
  return { sql: sql.join(' AND '), params };
}

/** Relation conditions beyond the status: do they narrow the relations? */
export const hasRelationNarrowing = (f: ResolvedFilter): boolean =>
  Boolean(
    f.relationUserIds ||
    f.channelIds?.length ||
    f.relationStates?.length ||
    f.addedFrom ||
    f.addedTo,
  );

/**
 * Does the filter ask only for a relation status (or nothing)? Its count is then a sum of the
 * maintained counter (customer_count, docs/audience.md), not a probe of every customer.
 */
export const isStatusOnly = (f: ResolvedFilter): boolean =>
  !hasRelationNarrowing(f) &&
  !f.tags?.length &&
  !f.genders?.length &&
  !f.customerTypes?.length &&
  !f.lastChatFrom &&
  !f.lastChatTo &&
  !f.groups?.chatIds?.length &&
  !f.groups?.none &&
  !f.search?.trim();

/**
 * A dependent probe that the optimizer keeps per customer row: `(SELECT 1 … LIMIT 1) IS [NOT]
 * NULL`. An EXISTS would be turned into a semi-join that may first materialize every matching
 * row of the inner table (seconds at a million customers, docs/benchmarks.md).
 */
const probe = (inner: string, present: boolean) =>
  `(SELECT 1 FROM ${inner} LIMIT 1) IS ${present ? 'NOT ' : ''}NULL`;

/** The marks of customer c with one of `tagIds` on a relation in `relationStatus`. */
function tagMarks(tagIds: string[], statuses: string[]): Sql {
  return {
    sql: `customer_tag t JOIN follow_relation tr
            ON tr.corp_id = t.corp_id AND tr.external_user_id = t.external_user_id
           AND tr.user_id = t.user_id AND tr.status IN (?)
          WHERE t.corp_id = c.corp_id AND t.external_user_id = c.external_user_id
            AND t.tag_id IN (?)`,
    params: [statuses, tagIds],
  };
}

function tagCondition(cond: TagCondition, statuses: string[]): Sql {
  const ids = [...new Set(cond.tagIds)];
  const marks = tagMarks(ids, statuses);
  if (cond.op === 'any') return { sql: probe(marks.sql, true), params: marks.params };
  if (cond.op === 'none') return { sql: probe(marks.sql, false), params: marks.params };
  if (ids.length === 1) return { sql: probe(marks.sql, true), params: marks.params };
  return {
    sql: `(SELECT COUNT(DISTINCT t.tag_id) FROM ${marks.sql}) = ?`,
    params: [...marks.params, ids.length],
  };
}

/** Every condition of the filter on `customer c` (the corp included). */
export function customerConditions(corpId: string, f: ResolvedFilter): Sql {
  const sql: string[] = ['c.corp_id = ?'];
  const params: unknown[] = [corpId];
  const add = (s: Sql) => {
    sql.push(s.sql);
    params.push(...s.params);
  };
  const statuses = statusesOf(f);

  const rel = relationConditions(f);
  if (f.addedTo) {
    // the bound the customer index can seek (docs/audience.md "Added before"): the mirror keeps
    // customer.first_added_at <= every relation's added_at (CustomerRepository.keepFirstAddedAt),
    // so a relation added before X implies customer.added_at (= first_added_at when set) < X;
    // a customer without first_added_at has no relation with an added time, and matches nothing
    add({ sql: 'c.added_at < ?', params: [new Date(f.addedTo)] });
  }
  add({
    sql: probe(
      `follow_relation r WHERE r.corp_id = c.corp_id AND r.external_user_id = c.external_user_id AND ${rel.sql}`,
      true,
    ),
    params: rel.params,
  });
  for (const cond of f.tags ?? []) add(tagCondition(cond, statuses));
  if (f.genders?.length) add({ sql: 'c.gender IN (?)', params: [f.genders] });
  if (f.customerTypes?.length) add({ sql: 'c.type IN (?)', params: [f.customerTypes] });
  if (f.lastChatFrom || f.lastChatTo) add(lastChatRange(f, 'c'));
  if (f.groups?.chatIds?.length || f.groups?.none) {
    const member = `group_member m JOIN group_chat g
        ON g.corp_id = m.corp_id AND g.chat_id = m.chat_id AND g.dismissed_at IS NULL
      WHERE m.corp_id = c.corp_id AND m.member_id = c.external_user_id AND m.type = 2
        AND m.left_at IS NULL`;
    if (f.groups.chatIds?.length)
      add({ sql: probe(`${member} AND m.chat_id IN (?)`, true), params: [f.groups.chatIds] });
    else add({ sql: probe(member, false), params: [] });
  }
  const search = f.search?.trim();
  if (search) {
    const like = likeContains(search);
    add({
      sql: `(c.name LIKE ? OR c.external_user_id = ? OR ${probe(
        `follow_relation s WHERE s.corp_id = c.corp_id AND s.external_user_id = c.external_user_id
           AND s.status IN (?) AND (s.remark LIKE ? OR s.description LIKE ?)`,
        true,
      )})`,
      params: [like, search, statuses, like, like],
    });
  }
  return { sql: sql.join(' AND '), params };
}

/**
 * Candidate sets that narrow the scan: a superset of the matching customers' external_userids,
 * read from one index. The repository counts each (bounded) and drives the query from the
 * smallest one under its threshold; the full conditions are still checked on every candidate.
 */
export interface Driver {
  name: 'tags' | 'relations' | 'groups' | 'lastChat';
  /** `SELECT … AS external_user_id FROM …` (may repeat an id). */
  sql: string;
  params: unknown[];
}

export function drivers(corpId: string, f: ResolvedFilter): Driver[] {
  const out: Driver[] = [];
  for (const cond of f.tags ?? []) {
    if (cond.op === 'none') continue;
    // `all`: its rarest tag is enough, but which is rarest is not known here: all of them
    out.push({
      name: 'tags',
      sql: `SELECT t.external_user_id FROM customer_tag t WHERE t.corp_id = ? AND t.tag_id IN (?)`,
      params: [corpId, [...new Set(cond.tagIds)]],
    });
  }
  if (hasRelationNarrowing(f)) {
    const rel = relationConditions(f);
    out.push({
      name: 'relations',
      sql: `SELECT r.external_user_id FROM follow_relation r WHERE r.corp_id = ? AND ${rel.sql}`,
      params: [corpId, ...rel.params],
    });
  }
  if (f.groups?.chatIds?.length)
    out.push({
      name: 'groups',
      sql: `SELECT m.member_id AS external_user_id FROM group_member m
            WHERE m.corp_id = ? AND m.chat_id IN (?) AND m.type = 2 AND m.left_at IS NULL`,
      params: [corpId, f.groups.chatIds],
    });
  if (f.lastChatFrom || f.lastChatTo) {
    const range = lastChatRange(f, 'l');
    out.push({
      name: 'lastChat',
      sql: `SELECT l.external_user_id FROM customer l WHERE l.corp_id = ? AND ${range.sql}`,
      params: [corpId, ...range.params],
    });
  }
  return out;
}

/** A range of external_userids: above `after`, up to and including `upTo` (open when absent). */
export interface ExternalIdRange {
  after?: string;
  upTo?: string;
}

/**
 * Each customer matching `f` once with its sender by `AudienceService.streamRecipients`' rule:
 * among their active relations (of `senders` when given), the one added most recently (ties:
 * the smallest userid; one without an added time after every dated one, as ORDER BY … DESC
 * puts NULL last). `SELECT ext, sender` for the customers in `range`, walked in external_userid
 * order on idx_follow_customer_status (relations) and uq_customer_external (customers), so
 * neighbouring rows share pages. A broadcast's plan runs it inside an `INSERT … SELECT` per
 * range, the rows never passing through Node (docs/broadcasts.md); the filter's conditions are
 * `customerConditions`, those of every other audience read.
 */
export function recipientSelection(
  corpId: string,
  f: ResolvedFilter,
  range: ExternalIdRange,
  senders?: string[],
): Sql {
  const conds = customerConditions(corpId, f);
  const where: string[] = ['r.corp_id = ?', "r.status = 'active'"];
  const params: unknown[] = [corpId];
  if (senders) {
    where.push(senders.length ? 'r.user_id IN (?)' : '0 = 1');
    if (senders.length) params.push(senders);
  }
  if (range.after !== undefined) {
    where.push('r.external_user_id > ?');
    params.push(range.after);
  }
  if (range.upTo !== undefined) {
    where.push('r.external_user_id <= ?');
    params.push(range.upTo);
  }
  return {
    sql: `SELECT STRAIGHT_JOIN w.ext AS ext, w.sender AS sender
          FROM (SELECT r.external_user_id AS ext, r.user_id AS sender,
                       ROW_NUMBER() OVER (PARTITION BY r.external_user_id
                                          ORDER BY r.added_at DESC, r.user_id) AS rk
                FROM follow_relation r FORCE INDEX (idx_follow_customer_status)
                WHERE ${where.join(' AND ')}) w
          JOIN customer c FORCE INDEX (uq_customer_external)
            ON c.corp_id = ? AND c.external_user_id = w.ext
          WHERE w.rk = 1 AND ${conds.sql}`,
    params: [...params, corpId, ...conds.params],
  };
}
