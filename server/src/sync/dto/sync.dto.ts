import { Matches } from 'class-validator';
import { Sentence, syncErrorSentence } from '../../setup/setup-sentences';
import { SyncRunEntity } from '../entities/sync-run.entity';
import { PhaseProgress, SyncCheckpoint, phaseProgress } from '../sync.plan';

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
  /** Every phase in order with its state and done/total. */
  phases: PhaseProgress[];
  /** A failed run's error as a sentence (zh, en, where to fix it); null unless it failed. */
  errorSentence: Sentence | null;
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
    phases: phaseProgress(
      r.status,
      r.phase,
      (r.checkpoint as Partial<SyncCheckpoint> | null)?.progress,
    ),
    errorSentence: r.status === 'failed' ? syncErrorSentence(r.error) : null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  };
}
