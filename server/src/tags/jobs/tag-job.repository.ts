import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type TagJobKind = 'bulk' | 'import';
export type TagJobState = 'preparing' | 'running' | 'done' | 'cancelled' | 'failed';

export interface TagJobRow {
  id: string;
  corpId: string;
  kind: TagJobKind;
  state: TagJobState;
  filter: Record<string, unknown> | null;
  addTagIds: string[];
  removeTagIds: string[];
  fileName: string | null;
  total: number;
  done: number;
  failed: number;
  cancelRequested: boolean;
  actor: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface TagJobItemRow {
  seq: number;
  externalUserId: string;
  userId: string;
  /** null: the job's addTagIds. */
  addTagIds: string[] | null;
  evidence: Record<string, unknown> | null;
}

export interface NewItem {
  externalUserId: string;
  userId: string;
  addTagIds?: string[] | null;
  evidence?: Record<string, unknown> | null;
}

export const ITEM_PENDING = 0;
export const ITEM_DONE = 1;
export const ITEM_FAILED = 2;

const JOB_COLUMNS = `id, corp_id AS corpId, kind, state, filter, add_tag_ids AS addTagIds,
  remove_tag_ids AS removeTagIds, file_name AS fileName, total, done, failed,
  cancel_requested AS cancelRequested, actor, error, created_at AS createdAt,
  updated_at AS updatedAt, finished_at AS finishedAt`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * tag_job and tag_job_item: bulk mark/unmark jobs and CSV imports. The items are written before
 * WeCom is called; an item's state and the job's counters change in one transaction, so a
 * worker killed mid-chunk redoes at most that chunk (mark_tag and the mirror are idempotent).
 */
@Injectable()
export class TagJobRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(job: {
    corpId: string;
    kind: TagJobKind;
    state: TagJobState;
    filter: Record<string, unknown> | null;
    addTagIds: string[];
    removeTagIds: string[];
    fileName?: string | null;
    actor: string | null;
  }): Promise<string> {
    const res: { insertId: number } = await this.dataSource.query(
      `INSERT INTO tag_job (corp_id, kind, state, filter, add_tag_ids, remove_tag_ids, file_name, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        job.corpId,
        job.kind,
        job.state,
        job.filter ? JSON.stringify(job.filter) : null,
        JSON.stringify(job.addTagIds),
        JSON.stringify(job.removeTagIds),
        job.fileName ?? null,
        job.actor,
      ],
    );
    return String(res.insertId);
  }

  async get(id: string, corpId?: string): Promise<TagJobRow | null> {
    const rows = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM tag_job WHERE id = ?${corpId ? ' AND corp_id = ?' : ''}`,
      corpId ? [id, corpId] : [id],
    );
    return rows.length ? toJob(rows[0]) : null;
  }

  async list(corpId: string, limit = 50): Promise<TagJobRow[]> {
    const rows = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM tag_job WHERE corp_id = ? ORDER BY id DESC LIMIT ?`,
      [corpId, limit],
    );
    return rows.map(toJob);
  }

  /** Starts the item list over (a job killed while it was being written). */
  async clearItems(jobId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM tag_job_item WHERE job_id = ?', [jobId]);
  }

  /** Appends items after `fromSeq` (exclusive); returns the next seq. */
  async addItems(jobId: string, fromSeq: number, items: NewItem[]): Promise<number> {
    if (!items.length) return fromSeq;
    await this.dataSource.query(
      `INSERT INTO tag_job_item (job_id, seq, external_user_id, user_id, add_tag_ids, evidence)
       VALUES ${items.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      items.flatMap((it, i) => [
        jobId,
        fromSeq + i + 1,
        it.externalUserId,
        it.userId,
        it.addTagIds ? JSON.stringify(it.addTagIds) : null,
        it.evidence ? JSON.stringify(it.evidence) : null,
      ]),
    );
    return fromSeq + items.length;
  }

  /** The item list is complete: the job runs with this total. */
  async startRunning(jobId: string, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE tag_job SET state = 'running', total = ? WHERE id = ? AND state = 'preparing'`,
      [total, jobId],
    );
  }

  async pending(jobId: string, limit: number): Promise<TagJobItemRow[]> {
    const rows = await this.dataSource.query(
      `SELECT seq, external_user_id AS externalUserId, user_id AS userId,
              add_tag_ids AS addTagIds, evidence
       FROM tag_job_item WHERE job_id = ? AND state = ${ITEM_PENDING} ORDER BY seq LIMIT ?`,
      [jobId, limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      seq: Number(r.seq),
      externalUserId: r.externalUserId as string,
      userId: r.userId as string,
      addTagIds: r.addTagIds == null ? null : json<string[]>(r.addTagIds),
      evidence: r.evidence == null ? null : json<Record<string, unknown>>(r.evidence),
    }));
  }

  /** Settles a chunk: the items' states and the job's counters, in one transaction. */
  async settle(
    jobId: string,
    done: number[],
    failed: Array<{ seq: number; errcode: number }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      let doneN = 0;
      let failedN = 0;
      if (done.length) {
        const r = await m.query(
          `UPDATE tag_job_item SET state = ${ITEM_DONE}
           WHERE job_id = ? AND state = ${ITEM_PENDING} AND seq IN (?)`,
          [jobId, done],
        );
        doneN = Number(r.affectedRows ?? 0);
      }
      for (const f of failed) {
        const r = await m.query(
          `UPDATE tag_job_item SET state = ${ITEM_FAILED}, errcode = ?
           WHERE job_id = ? AND state = ${ITEM_PENDING} AND seq = ?`,
          [f.errcode, jobId, f.seq],
        );
        failedN += Number(r.affectedRows ?? 0);
      }
      await m.query('UPDATE tag_job SET done = done + ?, failed = failed + ? WHERE id = ?', [
        doneN,
        failedN,
        jobId,
      ]);
    });
  }

  async finish(
    jobId: string,
    state: 'done' | 'cancelled' | 'failed',
    error?: string,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE tag_job SET state = ?, error = ?, finished_at = CURRENT_TIMESTAMP(3)
       WHERE id = ? AND state IN ('preparing', 'running')`,
      [state, error?.slice(0, 512) ?? null, jobId],
    );
  }

  /** Asks a job to stop at its next chunk; false when it has already ended. */
  async requestCancel(corpId: string, jobId: string): Promise<boolean> {
    const r = await this.dataSource.query(
      `UPDATE tag_job SET cancel_requested = 1
       WHERE id = ? AND corp_id = ? AND state IN ('preparing', 'running')`,
      [jobId, corpId],
    );
    return Number(r.affectedRows ?? 0) > 0;
  }

  /** Failed items with their errcodes (the first ones), for the console. */
  async failures(
    jobId: string,
    limit = 20,
  ): Promise<Array<{ externalUserId: string; userId: string; errcode: number | null }>> {
    const rows = await this.dataSource.query(
      `SELECT external_user_id AS externalUserId, user_id AS userId, errcode
       FROM tag_job_item WHERE job_id = ? AND state = ${ITEM_FAILED} ORDER BY seq LIMIT ?`,
      [jobId, limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      externalUserId: r.externalUserId as string,
      userId: r.userId as string,
      errcode: r.errcode == null ? null : Number(r.errcode),
    }));
  }

  /** Jobs that have not ended (resumed by the keeper if their Bull job is gone). */
  async unfinished(): Promise<Array<{ id: string; corpId: string }>> {
    const rows = await this.dataSource.query(
      `SELECT id, corp_id AS corpId FROM tag_job WHERE state IN ('preparing', 'running')`,
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      corpId: r.corpId as string,
    }));
  }
}

function toJob(r: Record<string, unknown>): TagJobRow {
  return {
    ...(r as unknown as TagJobRow),
    id: String(r.id),
    filter: r.filter == null ? null : json<Record<string, unknown>>(r.filter),
    addTagIds: json<string[]>(r.addTagIds),
    removeTagIds: json<string[]>(r.removeTagIds),
    total: Number(r.total),
    done: Number(r.done),
    failed: Number(r.failed),
    cancelRequested: !!Number(r.cancelRequested),
  };
}
