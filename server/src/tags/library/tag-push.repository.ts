import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type PushOp = 'create' | 'rename' | 'reorder' | 'delete';
export type PushState = 'failed' | 'done' | 'dropped';

export interface TagPushRow {
  id: string;
  corpId: string;
  op: PushOp;
  targetType: 'tag' | 'tag_group';
  targetId: string | null;
  targetName: string;
  request: Record<string, unknown>;
  state: PushState;
  errcode: number | null;
  error: string | null;
  attempts: number;
  actor: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, corp_id AS corpId, op, target_type AS targetType, target_id AS targetId,
  target_name AS targetName, request, state, errcode, error, attempts, actor,
  created_at AS createdAt, updated_at AS updatedAt`;

/** tag_push: console edits of the tag library that did not reach WeCom (kept, retryable). */
@Injectable()
export class TagPushRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    row: Pick<
      TagPushRow,
      | 'corpId'
      | 'op'
      | 'targetType'
      | 'targetId'
      | 'targetName'
      | 'request'
      | 'errcode'
      | 'error'
      | 'actor'
    >,
  ): Promise<string> {
    const res: { insertId: number } = await this.dataSource.query(
      `INSERT INTO tag_push (corp_id, op, target_type, target_id, target_name, request, errcode, error, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.corpId,
        row.op,
        row.targetType,
        row.targetId,
        row.targetName,
        JSON.stringify(row.request),
        row.errcode,
        row.error?.slice(0, 512) ?? null,
        row.actor,
      ],
    );
    return String(res.insertId);
  }

  async get(corpId: string, id: string): Promise<TagPushRow | null> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM tag_push WHERE corp_id = ? AND id = ?`,
      [corpId, id],
    );
    return rows.length ? toRow(rows[0]) : null;
  }

  /** The newest pushes first; `state` narrows. */
  async list(corpId: string, state?: PushState, limit = 100): Promise<TagPushRow[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM tag_push WHERE corp_id = ?${state ? ' AND state = ?' : ''}
       ORDER BY id DESC LIMIT ?`,
      state ? [corpId, state, limit] : [corpId, limit],
    );
    return rows.map(toRow);
  }

  async settle(
    id: string,
    state: PushState,
    failure: { errcode: number | null; error: string | null } = { errcode: null, error: null },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE tag_push SET state = ?, errcode = ?, error = ?, attempts = attempts + 1 WHERE id = ?`,
      [state, failure.errcode, failure.error?.slice(0, 512) ?? null, id],
    );
  }
}

function toRow(r: Record<string, unknown>): TagPushRow {
  return {
    ...(r as unknown as TagPushRow),
    id: String(r.id),
    request:
      typeof r.request === 'string'
        ? JSON.parse(r.request)
        : (r.request as Record<string, unknown>),
    errcode: r.errcode == null ? null : Number(r.errcode),
    attempts: Number(r.attempts),
  };
}
