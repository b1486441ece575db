import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type FollowUpKind = 'note' | 'follow_up';

export interface FollowUpRow {
  id: string;
  externalUserId: string;
  userId: string;
  kind: FollowUpKind;
  content: string;
  nextFollowUpAt: Date | null;
  createdAt: Date;
}

export interface NewFollowUp {
  externalUserId: string;
  userId: string;
  kind: FollowUpKind;
  content: string;
  nextFollowUpAt: Date | null;
}

const COLUMNS = `id, external_user_id AS externalUserId, user_id AS userId, kind, content,
  next_follow_up_at AS nextFollowUpAt, created_at AS createdAt`;

/** follow_up: the notes and follow-up records guides write on customers. */
@Injectable()
export class FollowUpRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(corpId: string, row: NewFollowUp): Promise<FollowUpRow> {
    const res = await this.dataSource.query(
      `INSERT INTO follow_up (corp_id, external_user_id, user_id, kind, content, next_follow_up_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [corpId, row.externalUserId, row.userId, row.kind, row.content, row.nextFollowUpAt],
    );
    const [created] = await this.dataSource.query(`SELECT ${COLUMNS} FROM follow_up WHERE id = ?`, [
      res.insertId,
    ]);
    return normalize(created);
  }

  /** Newest first. */
  async listForCustomer(
    corpId: string,
    externalUserId: string,
    limit: number,
    beforeId?: string,
  ): Promise<FollowUpRow[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM follow_up
       WHERE corp_id = ? AND external_user_id = ? ${beforeId ? 'AND id < ?' : ''}
       ORDER BY id DESC LIMIT ?`,
      beforeId ? [corpId, externalUserId, beforeId, limit] : [corpId, externalUserId, limit],
    );
    return rows.map(normalize);
  }

  /** StaffUserIdRenamed: the records stay the member's. */
  async renameUserId(corpId: string, oldId: string, newId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE follow_up SET user_id = ? WHERE corp_id = ? AND user_id = ?',
      [newId, corpId, oldId],
    );
  }
}

function normalize(r: Record<string, unknown>): FollowUpRow {
  return {
    id: String(r.id),
    externalUserId: r.externalUserId as string,
    userId: r.userId as string,
    kind: r.kind as FollowUpKind,
    content: r.content as string,
    nextFollowUpAt: (r.nextFollowUpAt as Date | null) ?? null,
    createdAt: r.createdAt as Date,
  };
}
