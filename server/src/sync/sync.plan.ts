/** The phases of a full sync, in order. A run resumes at its checkpoint's phase. */
export const SYNC_PHASES = [
  'departments',
  'staff',
  'tags',
  'customers',
  'groups',
  'reconcile',
] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** batch/get_by_user takes at most 100 members per call. */
export const USERS_PER_BATCH = 100;
/** Chats read per groupchat/list page (each then read with groupchat/get). */
export const GROUPS_PER_PAGE = 100;

/** What sync_run.checkpoint holds: enough to resume after a crash, never a list of ids. */
export interface SyncCheckpoint {
  /** unix s when the run started: what is older than this and unseen by the run is gone */
  startedAt: number;
  phase: SyncPhase;
  /** customers: the first userid (sorted) of the chunk being read, and its page cursor */
  chunkStart?: string;
  cursor?: string;
  customers?: number;
  /** groups: the groupchat/list cursor of the next page, and chats synced so far */
  groupCursor?: string;
  groups?: number;
  /** done/total of every phase reached so far, for the console's progress per phase */
  progress?: Partial<Record<SyncPhase, { done: number; total: number }>>;
}

export type PhaseState = 'done' | 'running' | 'failed' | 'pending';

export interface PhaseProgress {
  phase: SyncPhase;
  state: PhaseState;
  done: number;
  total: number;
}

/**
 * Every phase with its state and done/total: the phases before the run's current one are done,
 * the current one is running (failed when the run failed), the later ones pending.
 */
export function phaseProgress(
  status: 'running' | 'done' | 'failed',
  phase: string,
  progress: SyncCheckpoint['progress'] | undefined,
): PhaseProgress[] {
  const current = status === 'done' ? SYNC_PHASES.length : SYNC_PHASES.indexOf(phase as SyncPhase);
  return SYNC_PHASES.map((p, i) => {
    const counts = progress?.[p] ?? { done: 0, total: 0 };
    const state: PhaseState =
      i < current
        ? 'done'
        : i === current
          ? status === 'failed'
            ? 'failed'
            : 'running'
          : 'pending';
    return { phase: p, state, ...counts };
  });
}

/** Phases still to run from `from` (the checkpoint's phase), in order. */
export function phasesFrom(from: SyncPhase | undefined): SyncPhase[] {
  const i = from ? SYNC_PHASES.indexOf(from) : 0;
  return SYNC_PHASES.slice(i < 0 ? 0 : i) as SyncPhase[];
}

/**
 * The chunks of ≤100 members to read, from the checkpoint on: members are sorted, and the
 * chunk that was being read starts at `chunkStart` (or at the next member if it is gone).
 */
export function userChunks(userIds: string[], chunkStart?: string): string[][] {
  const sorted = [...new Set(userIds)].sort();
  let i = 0;
  if (chunkStart !== undefined) {
    i = sorted.findIndex((id) => id >= chunkStart);
    if (i < 0) i = sorted.length;
  }
  const chunks: string[][] = [];
  for (; i < sorted.length; i += USERS_PER_BATCH) chunks.push(sorted.slice(i, i + USERS_PER_BATCH));
  return chunks;
}
