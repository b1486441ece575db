import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TagMarkRow } from './customer-mirror.rules';
import type { MirrorTx } from './mirror-transaction.repository';

export interface TagMarkView extends TagMarkRow {
  tagName: string | null;
  groupId: string | null;
  groupName: string | null;
  createdAt: Date;
}

/**
 * The tag marks (customer_tag) that arrive with WeCom's customer details. The tags module owns the
 * table; the mirror only makes a relation's marks equal to WeCom's (see docs/mirror.md).
 */
@Injectable()
export class CustomerTagMarkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lockByCustomers(
    tx: MirrorTx,
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

  async insertMany(tx: MirrorTx, corpId: string, marks: TagMarkRow[]): Promise<void> {
    if (!marks.length) return;
    await tx.query(
      `INSERT IGNORE INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source)
       VALUES ${marks.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      marks.flatMap((m) => [corpId, m.externalUserId, m.userId, m.tagId, m.source]),
    );
  }

  async deleteMany(tx: MirrorTx, corpId: string, marks: TagMarkRow[]): Promise<void> {
    if (!marks.length) return;
    await tx.query(
      `DELETE FROM customer_tag WHERE corp_id = ? AND (${marks
        .map(() => '(external_user_id = ? AND user_id = ? AND tag_id = ?)')
        .join(' OR ')})`,
      [corpId, ...marks.flatMap((m) => [m.externalUserId, m.userId, m.tagId])],
    );
  }

  /** The customer's marks with tag and group names (when the tags module has them). */
  async findForCustomer(corpId: string, externalUserId: string): Promise<TagMarkView[]> {
    const rows = await this.dataSource.query(
      `SELECT ct.external_user_id AS externalUserId, ct.user_id AS userId, ct.tag_id AS tagId,
              ct.source, ct.created_at AS createdAt, t.name AS tagName, t.group_id AS groupId,
              g.name AS groupName
       FROM customer_tag ct
       LEFT JOIN tag t ON t.corp_id = ct.corp_id AND t.tag_id = ct.tag_id
       LEFT JOIN tag_group g ON g.corp_id = t.corp_id AND g.group_id = t.group_id
       WHERE ct.corp_id = ? AND ct.external_user_id = ?
       ORDER BY ct.user_id, g.sort_order, t.sort_order, ct.tag_id`,
      [corpId, externalUserId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      externalUserId: r.externalUserId as string,
      userId: r.userId as string,
      tagId: r.tagId as string,
      source: r.source as string,
      createdAt: r.createdAt as Date,
      tagName: (r.tagName as string | null) ?? null,
      groupId: (r.groupId as string | null) ?? null,
      groupName: (r.groupName as string | null) ?? null,
    }));
  }

  /** Tag names by id (timeline entries name tags at read time). */
  async findTagNames(corpId: string, tagIds: string[]): Promise<Map<string, string>> {
    if (!tagIds.length) return new Map();
    const rows: { tagId: string; name: string }[] = await this.dataSource.query(
      'SELECT tag_id AS tagId, name FROM tag WHERE corp_id = ? AND tag_id IN (?)',
      [corpId, tagIds],
    );
    return new Map(rows.map((r) => [r.tagId, r.name]));
  }
}
