import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TagSource } from './entities/customer-tag.entity';

/** A transaction opened by another module's repository (the customers mirror's), passed through. */
export type OpenTx = EntityManager;

/** One mark as stored: a tag on one relation (staff member × customer). */
export interface MarkKey {
  externalUserId: string;
  userId: string;
  tagId: string;
}

export interface TagMarkRow extends MarkKey {
  source: string;
}

export interface TagMarkWrite extends TagMarkRow {
  actor?: string | null;
  evidence?: Record<string, unknown> | null;
}

export interface TagMarkView extends TagMarkRow {
  /** Who marked it (a username, a staff userid, a rule id) and why (TagMarkService's evidence). */
  actor?: string | null;
  evidence?: Record<string, unknown> | null;
  tagName: string | null;
  groupId: string | null;
  groupName: string | null;
  createdAt: Date;
}

/**
 * Source precedence, weakest first (TagMarkService's rule). FIELD() gives each its rank, so the
 * upsert below keeps the stronger of the stored and the new source.
 */
export const SOURCE_RANK: readonly TagSource[] = [
  TagSource.Sync,
  TagSource.Wecom,
  TagSource.Channel,
  TagSource.ChatRule,
  TagSource.Import,
  TagSource.Manual,
];
const RANKS = SOURCE_RANK.map((s) => `'${s}'`).join(', ');
const STRONGER = `FIELD(VALUES(source), ${RANKS}) > FIELD(source, ${RANKS})`;

/** customer_tag: the tags module's table (only this repository reads or writes it). */
@Injectable()
export class TagMarkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The marks of these customers, locked until the caller's transaction ends. */
  async lockByCustomers(
    tx: OpenTx,
    corpId: string,
    externalUserIds: string[],
  ): Promise<TagMarkRow[]> {
    if (!externalUserIds.length) return [];
    return tx.query(
      `SELECT external_user_id AS externalUserId, user_id AS userId, tag_id AS tagId, source
       FROM customer_tag WHERE corp_id = ? AND external_user_id IN (?) FOR UPDATE`,
      [corpId, externalUserIds],
    );
  }

  /** The marks of these customers (a range on the primary key's customer prefix each). */
  async findByCustomers(corpId: string, externalUserIds: string[]): Promise<TagMarkRow[]> {
    const out: TagMarkRow[] = [];
    for (let i = 0; i < externalUserIds.length; i += 1000) {
      const rows: TagMarkRow[] = await this.dataSource.query(
        `SELECT external_user_id AS externalUserId, user_id AS userId, tag_id AS tagId, source
         FROM customer_tag WHERE corp_id = ? AND external_user_id IN (?)`,
        [corpId, externalUserIds.slice(i, i + 1000)],
      );
      out.push(...rows);
    }
    return out;
  }

  /** The stored marks among these (relation, tag) pairs. */
  async find(tx: OpenTx | null, corpId: string, marks: MarkKey[]): Promise<TagMarkRow[]> {
    if (!marks.length) return [];
    return (tx ?? this.dataSource).query(
      `SELECT external_user_id AS externalUserId, user_id AS userId, tag_id AS tagId, source
       FROM customer_tag WHERE corp_id = ? AND (${marks
         .map(() => '(external_user_id = ? AND user_id = ? AND tag_id = ?)')
         .join(' OR ')})`,
      [corpId, ...marks.flatMap((m) => [m.externalUserId, m.userId, m.tagId])],
    );
  }

  /**
   * Writes marks; a mark already stored keeps its source, actor and evidence unless the new
   * source ranks higher (SOURCE_RANK). `source` is assigned last: MariaDB evaluates the
   * assignments left to right, so the others still compare against the stored source.
   */
  async upsert(tx: OpenTx | null, corpId: string, marks: TagMarkWrite[]): Promise<void> {
    if (!marks.length) return;
    const now = new Date();
    await (tx ?? this.dataSource).query(
      `INSERT INTO customer_tag
         (corp_id, external_user_id, user_id, tag_id, source, actor, evidence, marked_at)
       VALUES ${marks.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE
         actor = IF(${STRONGER}, VALUES(actor), actor),
         evidence = IF(${STRONGER}, VALUES(evidence), evidence),
         marked_at = IF(${STRONGER}, VALUES(marked_at), marked_at),
         source = IF(${STRONGER}, VALUES(source), source)`,
      marks.flatMap((m) => [
        corpId,
        m.externalUserId,
        m.userId,
        m.tagId,
        m.source,
        m.actor ?? null,
        m.evidence ? JSON.stringify(m.evidence) : null,
        now,
      ]),
    );
  }

  /**
   * Marks already stored from a source weaker than `write.source` take its source, actor and
   * evidence (a chat rule matched a tag the relation has from a channel, WeCom or the sync).
   * Marks not stored, or of the same or a stronger source, are left as they are; none is
   * created. Returns the marks that changed (read locked, in one transaction).
   */
  async promote(
    corpId: string,
    marks: MarkKey[],
    write: { source: TagSource; actor?: string | null; evidence?: Record<string, unknown> | null },
    /** Runs in the same transaction with the marks that changed (their timeline entries). */
    alsoInTx: (tx: OpenTx, changed: TagMarkRow[]) => Promise<unknown> = async () => undefined,
  ): Promise<TagMarkRow[]> {
    if (!marks.length) return [];
    const rank = SOURCE_RANK.indexOf(write.source) + 1;
    return this.dataSource.transaction(async (tx) => {
      const weaker: TagMarkRow[] = await tx.query(
        `SELECT external_user_id AS externalUserId, user_id AS userId, tag_id AS tagId, source
         FROM customer_tag
         WHERE corp_id = ? AND (external_user_id, user_id, tag_id) IN (?)
           AND FIELD(source, ${RANKS}) < ?
         FOR UPDATE`,
        [corpId, marks.map((m) => [m.externalUserId, m.userId, m.tagId]), rank],
      );
      if (!weaker.length) return [];
      await tx.query(
        `UPDATE customer_tag SET source = ?, actor = ?, evidence = ?, marked_at = ?
         WHERE corp_id = ? AND (external_user_id, user_id, tag_id) IN (?)`,
        [
          write.source,
          write.actor ?? null,
          write.evidence ? JSON.stringify(write.evidence) : null,
          new Date(),
          corpId,
          weaker.map((m) => [m.externalUserId, m.userId, m.tagId]),
        ],
      );
      await alsoInTx(tx, weaker);
      return weaker;
    });
  }

  /**
   * Removes marks, and records each removal (customer_tag_removal: the chat rules mark a removed
   * tag again only from a message sent after it), in one transaction (`tx` when given).
   */
  async deleteMany(tx: OpenTx | null, corpId: string, marks: MarkKey[]): Promise<void> {
    if (!marks.length) return;
    const work = async (m: OpenTx) => {
      await m.query(
        `DELETE FROM customer_tag WHERE corp_id = ? AND (${marks
          .map(() => '(external_user_id = ? AND user_id = ? AND tag_id = ?)')
          .join(' OR ')})`,
        [corpId, ...marks.flatMap((k) => [k.externalUserId, k.userId, k.tagId])],
      );
      const now = new Date();
      await m.query(
        `INSERT INTO customer_tag_removal (corp_id, external_user_id, user_id, tag_id, removed_at)
         VALUES ? ON DUPLICATE KEY UPDATE removed_at = GREATEST(removed_at, VALUES(removed_at))`,
        [marks.map((k) => [corpId, k.externalUserId, k.userId, k.tagId, now])],
      );
    };
    await (tx ? work(tx) : this.dataSource.transaction(work));
  }

  /** When these customers' marks were last removed (`ext|user|tag` → ms since the epoch). */
  async removalsOfCustomers(
    corpId: string,
    externalUserIds: string[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < externalUserIds.length; i += 1000) {
      const rows: Array<MarkKey & { at: Date }> = await this.dataSource.query(
        `SELECT external_user_id AS externalUserId, user_id AS userId, tag_id AS tagId,
           removed_at AS at
         FROM customer_tag_removal WHERE corp_id = ? AND external_user_id IN (?)`,
        [corpId, externalUserIds.slice(i, i + 1000)],
      );
      for (const r of rows) out.set(markKey(r), new Date(r.at).getTime());
    }
    return out;
  }

  /** StaffUserIdRenamed: the marks follow the new userid (a mark already there wins). */
  async renameUserId(corpId: string, oldId: string, newId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        'UPDATE IGNORE customer_tag SET user_id = ? WHERE corp_id = ? AND user_id = ?',
        [newId, corpId, oldId],
      );
      await m.query('DELETE FROM customer_tag WHERE corp_id = ? AND user_id = ?', [corpId, oldId]);
    });
  }

  /** The customer's marks with tag and group names (when the tag mirror has them). */
  findForCustomer(corpId: string, externalUserId: string): Promise<TagMarkView[]> {
    return this.findForCustomers(corpId, [externalUserId]);
  }

  /** Several customers' marks in one read (a group's members), as findForCustomer gives them. */
  async findForCustomers(corpId: string, externalUserIds: string[]): Promise<TagMarkView[]> {
    if (!externalUserIds.length) return [];
    const rows = await this.dataSource.query(
      `SELECT ct.external_user_id AS externalUserId, ct.user_id AS userId, ct.tag_id AS tagId,
              ct.source, ct.actor, ct.evidence, ct.created_at AS createdAt, t.name AS tagName, t.group_id AS groupId,
              g.name AS groupName
       FROM customer_tag ct
       LEFT JOIN tag t ON t.corp_id = ct.corp_id AND t.tag_id = ct.tag_id
       LEFT JOIN tag_group g ON g.corp_id = t.corp_id AND g.group_id = t.group_id
       WHERE ct.corp_id = ? AND ct.external_user_id IN (?)
       ORDER BY ct.user_id, g.sort_order, t.sort_order, ct.tag_id`,
      [corpId, externalUserIds],
    );
    return rows.map((r: Record<string, unknown>) => ({
      externalUserId: r.externalUserId as string,
      userId: r.userId as string,
      tagId: r.tagId as string,
      source: r.source as string,
      actor: (r.actor as string | null) ?? null,
      evidence: parseJson(r.evidence),
      createdAt: r.createdAt as Date,
      tagName: (r.tagName as string | null) ?? null,
      groupId: (r.groupId as string | null) ?? null,
      groupName: (r.groupName as string | null) ?? null,
    }));
  }
}

/** A JSON column as mysql2 gives it (parsed, or a string on MariaDB's LONGTEXT alias). */
function parseJson(v: unknown): Record<string, unknown> | null {
  if (v == null) return null;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  return v as Record<string, unknown>;
}

/** A relation × tag's key (a mark's, a removal's in `removalsOfCustomers`' map). */
export const markKey = (k: MarkKey) => `${k.externalUserId}|${k.userId}|${k.tagId}`;
