import { isWithinWorkingHours, WorkingHours } from './working-hours';

/**
 * Assignment strategies of a channel, as pure logic (no clock, no I/O, no WeCom).
 *
 * WeCom decides which member of a multi-person contact way gets a scan; the SCRM decides which
 * members are on the code. So a strategy here answers two questions:
 *
 * - `eligibleMembers`: who may receive customers now (active, inside their working hours, under
 *   their daily cap), with backup staff only when no primary member is eligible;
 * - `selectPool`: which of them to list on a multi-person code now so that, whatever member WeCom
 *   picks, the distribution follows the strategy (members ahead of their share are left off until
 *   the others catch up), and `pickNext` for a single-person code (exactly one member).
 *
 * The pool keeper runs these after every attributed add and every minute, and pushes the result
 * to WeCom with update_contact_way when it changes (see docs/channels.md).
 */
export enum AssignmentStrategy {
  /** Everyone in turn: nobody gets a second customer before everyone had one (per day). */
  RoundRobin = 'round_robin',
  /** In proportion to each member's weight (per day). */
  Weighted = 'weighted',
  /** To whoever has the fewest active customers. */
  LeastLoaded = 'least_loaded',
}

export interface PoolMember {
  userId: string;
  /** Share under the weighted strategy (≥1). Ignored by the others. */
  weight: number;
  /** Most customers from this channel per day (in the channel's time zone); null = no cap. */
  dailyCap: number | null;
  /** null = always on. */
  hours: WorkingHours | null;
  /** Only used when no primary member is eligible. */
  backup: boolean;
}

export interface PoolStats {
  /** Customers this channel gave each member today. */
  assignedToday: ReadonlyMap<string, number>;
  /** Active customers of each member (for least loaded). */
  activeCustomers: ReadonlyMap<string, number>;
  /** Members WeCom would refuse: unknown, inactive, departed or without customer contact. */
  unavailable: ReadonlySet<string>;
}

export type ExclusionReason = 'unavailable' | 'off_hours' | 'capped' | 'backup_not_needed';

/** How the eligible set was reached, from the normal case to the last resort. */
export enum PoolMode {
  /** Primary members inside their hours and under their caps. */
  Primary = 'primary',
  /** Every primary member is capped or off: backup staff. */
  Backup = 'backup',
  /** Everyone is off hours: members under their caps, hours ignored (a code needs a member). */
  OffHours = 'off_hours',
  /** Everyone is capped: active members, caps ignored. */
  OverCap = 'over_cap',
  /** Nobody can receive customers (every member unknown, inactive or without permission). */
  Empty = 'empty',
}

export interface Eligibility {
  userIds: string[];
  mode: PoolMode;
  excluded: Array<{ userId: string; reason: ExclusionReason }>;
}

const count = (m: ReadonlyMap<string, number>, id: string) => m.get(id) ?? 0;

function isCapped(member: PoolMember, stats: PoolStats): boolean {
  return member.dailyCap !== null && count(stats.assignedToday, member.userId) >= member.dailyCap;
}

/**
 * Who may receive customers at `at`. Primary members first; backup members only when no primary
 * member is eligible; then, so that the code keeps working, hours are relaxed before caps.
 */
export function eligibleMembers(members: PoolMember[], stats: PoolStats, at: Date): Eligibility {
  const available = members.filter((m) => !stats.unavailable.has(m.userId));
  const excluded: Eligibility['excluded'] = members
    .filter((m) => stats.unavailable.has(m.userId))
    .map((m) => ({ userId: m.userId, reason: 'unavailable' }));
  const reasonOf = (m: PoolMember): ExclusionReason | null =>
    isCapped(m, stats) ? 'capped' : isWithinWorkingHours(m.hours, at) ? null : 'off_hours';

  const primary = available.filter((m) => !m.backup);
  const backup = available.filter((m) => m.backup);
  const ok = (list: PoolMember[]) => list.filter((m) => reasonOf(m) === null);
  const why = (list: PoolMember[]) =>
    list
      .map((m) => ({ userId: m.userId, reason: reasonOf(m) }))
      .filter((e): e is { userId: string; reason: ExclusionReason } => e.reason !== null);

  const eligiblePrimary = ok(primary);
  if (eligiblePrimary.length) {
    return {
      userIds: eligiblePrimary.map((m) => m.userId),
      mode: PoolMode.Primary,
      excluded: [
        ...excluded,
        ...why(primary),
        ...backup.map((m) => ({ userId: m.userId, reason: 'backup_not_needed' as const })),
      ],
    };
  }
  const eligibleBackup = ok(backup);
  if (eligibleBackup.length) {
    return {
      userIds: eligibleBackup.map((m) => m.userId),
      mode: PoolMode.Backup,
      excluded: [...excluded, ...why(primary), ...why(backup)],
    };
  }
  const underCap = available.filter((m) => !isCapped(m, stats));
  if (underCap.length) {
    // prefer primary members under their cap, then backups
    const list = underCap.some((m) => !m.backup) ? underCap.filter((m) => !m.backup) : underCap;
    return {
      userIds: list.map((m) => m.userId),
      mode: PoolMode.OffHours,
      excluded: [
        ...excluded,
        ...why(available).filter((e) => !list.some((m) => m.userId === e.userId)),
      ],
    };
  }
  if (available.length) {
    const list = available.some((m) => m.backup) ? available.filter((m) => m.backup) : available;
    return {
      userIds: list.map((m) => m.userId),
      mode: PoolMode.OverCap,
      excluded: [
        ...excluded,
        ...why(available).filter((e) => !list.some((m) => m.userId === e.userId)),
      ],
    };
  }
  return { userIds: [], mode: PoolMode.Empty, excluded };
}

function byId(members: PoolMember[]): Map<string, PoolMember> {
  return new Map(members.map((m) => [m.userId, m]));
}

/**
 * How far each candidate is behind its share after one more add (positive = owed customers).
 * Round robin is weighted with equal weights; the window is the day (`assignedToday`).
 */
function deficits(
  strategy: AssignmentStrategy,
  candidates: string[],
  members: Map<string, PoolMember>,
  stats: PoolStats,
): Map<string, number> {
  const weight = (id: string) =>
    strategy === AssignmentStrategy.Weighted ? Math.max(1, members.get(id)?.weight ?? 1) : 1;
  const total = candidates.reduce((s, id) => s + count(stats.assignedToday, id), 0);
  const weights = candidates.reduce((s, id) => s + weight(id), 0);
  return new Map(
    candidates.map((id) => [
      id,
      (weight(id) * (total + 1)) / weights - count(stats.assignedToday, id),
    ]),
  );
}

/**
 * The members to list on a multi-person code now (never empty when `candidates` is not).
 *
 * - round robin / weighted: members still owed customers in this round, i.e. whose count is
 *   below their share of one more add. Whatever member WeCom picks among them, nobody gets more
 *   than one customer ahead of their share.
 * - least loaded: the members with the fewest active customers.
 */
export function selectPool(
  strategy: AssignmentStrategy,
  candidates: string[],
  members: PoolMember[],
  stats: PoolStats,
): string[] {
  if (candidates.length <= 1) return [...candidates];
  if (strategy === AssignmentStrategy.LeastLoaded) {
    const min = Math.min(...candidates.map((id) => count(stats.activeCustomers, id)));
    return candidates.filter((id) => count(stats.activeCustomers, id) === min);
  }
  const owed = deficits(strategy, candidates, byId(members), stats);
  const pool = candidates.filter((id) => (owed.get(id) ?? 0) > 0);
  // the shares sum to total + 1 > total, so someone is always owed; guard against rounding
  return pool.length ? pool : [...candidates];
}

/**
 * The one member a single-person code points to next: the most owed under round robin and
 * weighted (smooth weighted round robin), the least loaded otherwise; ties go to the member
 * listed first.
 */
export function pickNext(
  strategy: AssignmentStrategy,
  candidates: string[],
  members: PoolMember[],
  stats: PoolStats,
): string | undefined {
  if (candidates.length <= 1) return candidates[0];
  if (strategy === AssignmentStrategy.LeastLoaded) {
    let best = candidates[0];
    for (const id of candidates)
      if (count(stats.activeCustomers, id) < count(stats.activeCustomers, best)) best = id;
    return best;
  }
  const owed = deficits(strategy, candidates, byId(members), stats);
  let best = candidates[0];
  for (const id of candidates) if ((owed.get(id) ?? 0) > (owed.get(best) ?? 0) + 1e-9) best = id;
  return best;
}

export interface PoolPlan extends Eligibility {
  /** The members to put on the WeCom contact way (sorted, for a stable comparison). */
  pool: string[];
}

/** Everything the pool keeper needs: who is eligible, and who goes on the code. */
export function planPool(
  input: { strategy: AssignmentStrategy; single: boolean; members: PoolMember[] },
  stats: PoolStats,
  at: Date,
): PoolPlan {
  const eligibility = eligibleMembers(input.members, stats, at);
  const chosen = input.single
    ? [pickNext(input.strategy, eligibility.userIds, input.members, stats)].filter(
        (id): id is string => !!id,
      )
    : selectPool(input.strategy, eligibility.userIds, input.members, stats);
  return { ...eligibility, pool: [...chosen].sort() };
}
