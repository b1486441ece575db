import { Matches } from 'class-validator';
import { SyncRunEntity } from '../entities/sync-run.entity';

export class SyncCorpParamDto {
  @Matches(/^[A-Za-z0-9_-]{6,64}$/)
  corpId: string;
}

export class SyncRunResponseDto {
  id: string;
  corpId: string;
  kind: string;
  status: string;
  phase: string;
  done: number;
  total: number;
  checkpoint: Record<string, unknown> | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export class StartSyncResponseDto {
  jobId: string;
  /** Bull state of the run's job (waiting, active, delayed …). */
  state: string;
  /** false when a sync of this corp was already queued or running: no second run starts */
  queued: boolean;
}

export function toSyncRunResponse(r: SyncRunEntity): SyncRunResponseDto {
  return {
    id: String(r.id),
    corpId: r.corpId,
    kind: r.kind,
    status: r.status,
    phase: r.phase,
    done: r.done,
    total: r.total,
    checkpoint: r.checkpoint,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  };
}
