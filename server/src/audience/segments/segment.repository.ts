import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AudienceFilter } from '../audience-filter';

export interface SegmentRow {
  id: string;
  corpId: string;
  name: string;
  filter: AudienceFilter;
  customerCount: number | null;
  countedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, corp_id AS corpId, name, filter, customer_count AS customerCount,
  counted_at AS countedAt, created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt`;

const isDuplicate = (err: unknown) => (err as { errno?: number }).errno === 1062;

/** audience_segment: named filters (客户分群) of a corp. */
@Injectable()
export class SegmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(corpId: string): Promise<SegmentRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audience_segment WHERE corp_id = ? ORDER BY updated_at DESC, id DESC`,
      [corpId],
    );
    return rows.map(toRow);
  }

  async get(corpId: string, id: string): Promise<SegmentRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audience_segment WHERE corp_id = ? AND id = ?`,
      [corpId, id],
    );
    return row ? toRow(row) : null;
  }

  /** The new segment's id, or null when the name is taken in the corp. */
  async insert(
    corpId: string,
    s: { name: string; filter: AudienceFilter; count: number; createdBy: string | null },
  ): Promise<string | null> {
    try {
      const res: { insertId: number } = await this.dataSource.query(
        `INSERT INTO audience_segment (corp_id, name, filter, customer_count, counted_at, created_by)
         VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP(3), ?)`,
        [corpId, s.name, JSON.stringify(s.filter), s.count, s.createdBy],
      );
      return String(res.insertId);
    } catch (err) {
      if (isDuplicate(err)) return null;
      throw err;
    }
  }

  /** false when the name is taken; a changed filter drops the stale count unless one is given. */
  async update(
    corpId: string,
    id: string,
    patch: { name?: string; filter?: AudienceFilter; count?: number },
  ): Promise<boolean> {
    const sets: string[] = [];
    const params: unknown[] = [];
    if (patch.name !== undefined) {
      sets.push('name = ?');
      params.push(patch.name);
    }
    if (patch.filter !== undefined) {
      sets.push('filter = ?', 'customer_count = ?', 'counted_at = CURRENT_TIMESTAMP(3)');
      params.push(JSON.stringify(patch.filter), patch.count ?? null);
    }
    if (!sets.length) return true;
    try {
      await this.dataSource.query(
        `UPDATE audience_segment SET ${sets.join(', ')} WHERE corp_id = ? AND id = ?`,
        [...params, corpId, id],
      );
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  async setCount(corpId: string, id: string, count: number, at: Date): Promise<void> {
    await this.dataSource.query(
      'UPDATE audience_segment SET customer_count = ?, counted_at = ? WHERE corp_id = ? AND id = ?',
      [count, at, corpId, id],
    );
  }

  /** true when a row was deleted. */
  async delete(corpId: string, id: string): Promise<boolean> {
    const res: { affectedRows: number } = await this.dataSource.query(
      'DELETE FROM audience_segment WHERE corp_id = ? AND id = ?',
      [corpId, id],
    );
    return res.affectedRows > 0;
  }
}

function toRow(r: Record<string, unknown>): SegmentRow {
  return {
    id: String(r.id),
    corpId: r.corpId as string,
    name: r.name as string,
    filter: (typeof r.filter === 'string' ? JSON.parse(r.filter) : r.filter) as AudienceFilter,
    customerCount: r.customerCount === null ? null : Number(r.customerCount),
    countedAt: (r.countedAt as Date | null) ?? null,
    createdBy: (r.createdBy as string | null) ?? null,
    createdAt: r.createdAt as Date,
    updatedAt: r.updatedAt as Date,
  };
}
