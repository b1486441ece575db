import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AudienceFilter } from '../audience-filter';

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportRow {
  id: string;
  corpId: string;
  filter: AudienceFilter;
  status: ExportStatus;
  done: number;
  total: number | null;
  fileName: string | null;
  bytes: number | null;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `id, corp_id AS corpId, filter, status, done, total, file_name AS fileName, bytes,
  error, created_by AS createdBy, created_at AS createdAt, started_at AS startedAt,
  finished_at AS finishedAt`;

/** audience_export: one row per CSV export, its progress and its file. */
@Injectable()
export class ExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(corpId: string, filter: AudienceFilter, createdBy: string | null): Promise<string> {
    const res: { insertId: number } = await this.dataSource.query(
      'INSERT INTO audience_export (corp_id, filter, created_by) VALUES (?, ?, ?)',
      [corpId, JSON.stringify(filter), createdBy],
    );
    return String(res.insertId);
  }

  async get(corpId: string, id: string): Promise<ExportRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audience_export WHERE corp_id = ? AND id = ?`,
      [corpId, id],
    );
    return row ? toRow(row) : null;
  }

  async list(corpId: string, limit: number): Promise<ExportRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audience_export WHERE corp_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
      [corpId, limit],
    );
    return rows.map(toRow);
  }

  /** (Re)starts the export: progress from zero, the total as counted now. */
  async start(id: string, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE audience_export SET status = 'running', done = 0, total = ?, error = NULL,
         started_at = CURRENT_TIMESTAMP(3), finished_at = NULL WHERE id = ?`,
      [total, id],
    );
  }

  async progress(id: string, done: number): Promise<void> {
    await this.dataSource.query('UPDATE audience_export SET done = ? WHERE id = ?', [done, id]);
  }

  async finish(id: string, done: number, fileName: string, bytes: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE audience_export SET status = 'done', done = ?, total = ?, file_name = ?, bytes = ?,
         finished_at = CURRENT_TIMESTAMP(3) WHERE id = ?`,
      [done, done, fileName, bytes, id],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE audience_export SET status = 'failed', error = ?, finished_at = CURRENT_TIMESTAMP(3)
       WHERE id = ?`,
      [error.slice(0, 1000), id],
    );
  }
}

function toRow(r: Record<string, unknown>): ExportRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id),
    corpId: r.corpId as string,
    filter: (typeof r.filter === 'string' ? JSON.parse(r.filter) : r.filter) as AudienceFilter,
    status: r.status as ExportStatus,
    done: Number(r.done),
    total: n(r.total),
    fileName: (r.fileName as string | null) ?? null,
    bytes: n(r.bytes),
    error: (r.error as string | null) ?? null,
    createdBy: (r.createdBy as string | null) ?? null,
    createdAt: r.createdAt as Date,
    startedAt: (r.startedAt as Date | null) ?? null,
    finishedAt: (r.finishedAt as Date | null) ?? null,
  };
}
