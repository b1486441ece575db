import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, LessThan, Repository } from 'typeorm';
import { CallbackEventEntity, CallbackEventStatus } from './entities/callback-event.entity';

export interface NewCallbackEvent {
  corpId: string;
  dedupeKey: string;
  event: string;
  changeType: string;
  createTime: number;
  payload: Record<string, unknown>;
}

export interface CallbackEventFilter {
  corpId?: string;
  event?: string;
  changeType?: string;
  status?: CallbackEventStatus;
  from?: Date;
  to?: Date;
  /** keyset paging: rows with id below this */
  beforeId?: string;
  limit: number;
}

@Injectable()
export class CallbackEventRepository {
  constructor(
    @InjectRepository(CallbackEventEntity) private readonly repo: Repository<CallbackEventEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Stores the event unless the same one is already stored (WeCom's retries and duplicates).
   * Returns the row id and whether this call inserted it.
   */
  async insertIfNew(e: NewCallbackEvent): Promise<{ id: string; inserted: boolean }> {
    const result: { affectedRows: number; insertId: number } = await this.dataSource.query(
      `INSERT IGNORE INTO callback_event (corp_id, dedupe_key, event, change_type, create_time, payload, received_at)
       VALUES (?, ?, ?, ?, ?, ?, NOW(3))`,
      [e.corpId, e.dedupeKey, e.event, e.changeType, e.createTime, JSON.stringify(e.payload)],
    );
    if (result.affectedRows === 1) return { id: String(result.insertId), inserted: true };
    const [row] = await this.dataSource.query(
      'SELECT id FROM callback_event WHERE corp_id = ? AND dedupe_key = ?',
      [e.corpId, e.dedupeKey],
    );
    return { id: String(row.id), inserted: false };
  }

  findById(id: string): Promise<CallbackEventEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async list(f: CallbackEventFilter): Promise<CallbackEventEntity[]> {
    const qb = this.repo.createQueryBuilder('e').orderBy('e.id', 'DESC').take(f.limit);
    if (f.corpId) qb.andWhere('e.corp_id = :corpId', { corpId: f.corpId });
    if (f.event) qb.andWhere('e.event = :event', { event: f.event });
    if (f.changeType) qb.andWhere('e.change_type = :changeType', { changeType: f.changeType });
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.from) qb.andWhere('e.received_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.received_at < :to', { to: f.to });
    if (f.beforeId) qb.andWhere('e.id < :beforeId', { beforeId: f.beforeId });
    return qb.getMany();
  }

  /**
   * Claims the event for processing: pending, or processing by a worker that died (its job was
   * taken over). False when it is finished (done, skipped, failed): a duplicate job does nothing.
   */
  async markProcessing(id: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: CallbackEventStatus.Processing, attempts: () => 'attempts + 1' })
      .where('id = :id AND status IN (:...open)', {
        id,
        open: [CallbackEventStatus.Pending, CallbackEventStatus.Processing],
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async markFinished(
    id: string,
    status: CallbackEventStatus.Done | CallbackEventStatus.Skipped,
    note?: string,
  ) {
    await this.repo.update({ id }, { status, processedAt: new Date(), lastError: note ?? null });
  }

  async markError(id: string, error: string, final: boolean): Promise<void> {
    await this.repo.update(
      { id },
      {
        status: final ? CallbackEventStatus.Failed : CallbackEventStatus.Pending,
        lastError: error.slice(0, 1000),
      },
    );
  }

  async resetForReplay(ids: string[]): Promise<void> {
    if (ids.length)
      await this.repo.update(
        { id: In(ids) },
        { status: CallbackEventStatus.Pending, lastError: null },
      );
  }

  /** Pending events older than `olderThan` (their enqueue may have been lost with Redis). */
  async findStalePending(olderThan: Date, limit: number): Promise<CallbackEventEntity[]> {
    return this.repo.find({
      select: { id: true, corpId: true, dedupeKey: true },
      where: { status: CallbackEventStatus.Pending, receivedAt: LessThan(olderThan) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  async idsByStatus(
    status: CallbackEventStatus,
    corpId: string | undefined,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.repo.find({
      select: { id: true },
      where: corpId ? { status, corpId } : { status },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows: { status: string; n: string }[] = await this.dataSource.query(
      'SELECT status, COUNT(*) AS n FROM callback_event GROUP BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
