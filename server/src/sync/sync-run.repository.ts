import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SyncRunEntity, SyncRunStatus } from './entities/sync-run.entity';

export interface SyncProgress {
  phase: string;
  done: number;
  total: number;
  checkpoint: Record<string, unknown>;
}

/** Full-sync runs: one row per run, its phase, progress and resume checkpoint. */
@Injectable()
export class SyncRunRepository {
  constructor(@InjectRepository(SyncRunEntity) private readonly repo: Repository<SyncRunEntity>) {}

  findRunning(corpId: string): Promise<SyncRunEntity | null> {
    return this.repo.findOne({
      where: { corpId, status: SyncRunStatus.Running },
      order: { startedAt: 'DESC' },
    });
  }

  async create(corpId: string, kind = 'full'): Promise<SyncRunEntity> {
    const startedAt = new Date();
    const res = await this.repo.insert({
      corpId,
      kind,
      status: SyncRunStatus.Running,
      phase: 'start',
      done: 0,
      total: 0,
      checkpoint: null,
      startedAt,
    });
    const id = String(res.identifiers[0].id);
    return (await this.repo.findOneBy({ id }))!;
  }

  async saveProgress(corpId: string, id: string, p: SyncProgress): Promise<void> {
    await this.repo.query(
      'UPDATE sync_run SET phase = ?, done = ?, total = ?, checkpoint = ? WHERE id = ? AND corp_id = ?',
      [p.phase, p.done, p.total, JSON.stringify(p.checkpoint), id, corpId],
    );
  }

  async finish(
    corpId: string,
    id: string,
    status: SyncRunStatus,
    error: string | null = null,
  ): Promise<void> {
    await this.repo.update(
      { id, corpId },
      {
        status,
        error: error ? error.slice(0, 1000) : null,
        finishedAt: new Date(),
        ...(status === SyncRunStatus.Done ? { phase: 'done' } : {}),
      },
    );
  }

  listRecent(corpId: string, limit: number): Promise<SyncRunEntity[]> {
    return this.repo.find({ where: { corpId }, order: { id: 'DESC' }, take: limit });
  }
}
