import {
  AssignmentStrategy,
  eligibleMembers,
  pickNext,
  planPool,
  PoolMember,
  PoolMode,
  PoolStats,
  selectPool,
} from './assignment';

/** Deterministic PRNG (mulberry32) standing in for WeCom's choice among the listed members. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const member = (userId: string, over: Partial<PoolMember> = {}): PoolMember => ({
  userId,
  weight: 1,
  dailyCap: null,
  hours: null,
  backup: false,
  ...over,
});

interface Sim {
  assigned: Map<string, number>;
  active: Map<string, number>;
  modes: PoolMode[];
}

/**
 * `adds` customers scan the code one after another. Before each scan the pool keeper plans the
 * pool; WeCom picks one listed member (uniformly at random for a multi-person code).
 */
function simulate(
  strategy: AssignmentStrategy,
  members: PoolMember[],
  adds: number,
  opts: {
    single?: boolean;
    seed?: number;
    at?: (i: number) => Date;
    active?: Map<string, number>;
  } = {},
): Sim {
  const rnd = prng(opts.seed ?? 42);
  const assigned = new Map<string, number>();
  const active = new Map(opts.active ?? []);
  const modes: PoolMode[] = [];
  for (let i = 0; i < adds; i++) {
    const stats: PoolStats = {
      assignedToday: assigned,
      activeCustomers: active,
      unavailable: new Set(),
    };
    const plan = planPool(
      { strategy, single: !!opts.single, members },
      stats,
      opts.at?.(i) ?? new Date('2026-03-02T04:00:00Z'),
    );
    modes.push(plan.mode);
    if (plan.pool.length === 0) continue;
    const chosen = plan.pool[Math.floor(rnd() * plan.pool.length)];
    assigned.set(chosen, (assigned.get(chosen) ?? 0) + 1);
    active.set(chosen, (active.get(chosen) ?? 0) + 1);
  }
  return { assigned, active, modes };
}

const share = (sim: Sim, id: string, total: number) => (sim.assigned.get(id) ?? 0) / total;

describe('assignment strategies', () => {
  describe('round robin', () => {
    it('is fair within 1% over 10,000 adds on a multi-person code', () => {
      const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => member(id));
      const sim = simulate(AssignmentStrategy.RoundRobin, members, 10_000);
      for (const m of members) {
        expect(Math.abs(share(sim, m.userId, 10_000) - 1 / 7)).toBeLessThan(0.01);
        // in rounds: nobody is ever more than one customer apart
        expect(Math.abs((sim.assigned.get(m.userId) ?? 0) - 10_000 / 7)).toBeLessThanOrEqual(1);
      }
    });

    it('takes members strictly in turn on a single-person code', () => {
      const members = ['a', 'b', 'c'].map((id) => member(id));
      const order: string[] = [];
      const assigned = new Map<string, number>();
      for (let i = 0; i < 9; i++) {
        const next = pickNext(AssignmentStrategy.RoundRobin, ['a', 'b', 'c'], members, {
          assignedToday: assigned,
          activeCustomers: new Map(),
          unavailable: new Set(),
        })!;
        order.push(next);
        assigned.set(next, (assigned.get(next) ?? 0) + 1);
      }
      expect(order.join('')).toBe('abcabcabc');
    });

    it('lists only the members who have not had their turn in this round', () => {
      const members = ['a', 'b', 'c'].map((id) => member(id));
      const stats: PoolStats = {
        assignedToday: new Map([
          ['a', 3],
          ['b', 2],
          ['c', 2],
        ]),
        activeCustomers: new Map(),
        unavailable: new Set(),
      };
      expect(selectPool(AssignmentStrategy.RoundRobin, ['a', 'b', 'c'], members, stats)).toEqual([
        'b',
        'c',
      ]);
    });
  });

  describe('weighted', () => {
    it('follows the weights within 1% over 10,000 adds (multi-person code)', () => {
      const members = [
        member('a', { weight: 1 }),
        member('b', { weight: 2 }),
        member('c', { weight: 3 }),
        member('d', { weight: 4 }),
      ];
      const sim = simulate(AssignmentStrategy.Weighted, members, 10_000, { seed: 7 });
      for (const m of members) {
        expect(Math.abs(share(sim, m.userId, 10_000) - m.weight / 10)).toBeLessThan(0.01);
      }
    });

    it('follows the weights within 1% over 10,000 adds (single-person code)', () => {
      const members = [member('a', { weight: 5 }), member('b', { weight: 3 }), member('c')];
      const sim = simulate(AssignmentStrategy.Weighted, members, 10_000, { single: true });
      for (const m of members) {
        expect(Math.abs(share(sim, m.userId, 10_000) - m.weight / 9)).toBeLessThan(0.01);
      }
    });

    it('treats a weight below 1 as 1', () => {
      const members = [member('a', { weight: 0 }), member('b', { weight: 1 })];
      const sim = simulate(AssignmentStrategy.Weighted, members, 1000);
      expect(sim.assigned.get('a')).toBe(500);
    });
  });

  describe('least loaded', () => {
    it('sends customers to the member with the fewest active customers until they catch up', () => {
      const members = ['a', 'b', 'c'].map((id) => member(id));
      const active = new Map([
        ['a', 100],
        ['b', 40],
        ['c', 0],
      ]);
      const sim = simulate(AssignmentStrategy.LeastLoaded, members, 40, { active });
      expect(sim.assigned.get('c')).toBe(40);
      const more = simulate(AssignmentStrategy.LeastLoaded, members, 300, { active });
      // after the catch-up everyone ends within one customer of the others
      const loads = ['a', 'b', 'c'].map((id) => more.active.get(id)!);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      expect(more.assigned.get('a') ?? 0).toBeLessThan(more.assigned.get('c')!);
    });

    it('picks the least loaded member for a single-person code, the first one on a tie', () => {
      const members = ['a', 'b'].map((id) => member(id));
      const stats = (a: number, b: number): PoolStats => ({
        assignedToday: new Map(),
        activeCustomers: new Map([
          ['a', a],
          ['b', b],
        ]),
        unavailable: new Set(),
      });
      expect(pickNext(AssignmentStrategy.LeastLoaded, ['a', 'b'], members, stats(5, 3))).toBe('b');
      expect(pickNext(AssignmentStrategy.LeastLoaded, ['a', 'b'], members, stats(3, 3))).toBe('a');
    });
  });

  describe('daily caps and backup staff', () => {
    it.each(Object.values(AssignmentStrategy))(
      '%s: caps are never exceeded, and backups get customers only once everyone is capped',
      (strategy) => {
        const members = [
          member('a', { dailyCap: 120, weight: 3 }),
          member('b', { dailyCap: 50 }),
          member('c', { dailyCap: 7, weight: 2 }),
          member('x', { backup: true }),
          member('y', { backup: true, dailyCap: 1000 }),
        ];
        const sim = simulate(strategy, members, 10_000, { seed: 3 });
        expect(sim.assigned.get('a')).toBe(120);
        expect(sim.assigned.get('b')).toBe(50);
        expect(sim.assigned.get('c')).toBe(7);
        const firstBackup = sim.modes.indexOf(PoolMode.Backup);
        expect(firstBackup).toBe(177); // exactly when the last primary member hit the cap
        expect(sim.modes.slice(0, 177).every((m) => m === PoolMode.Primary)).toBe(true);
        expect((sim.assigned.get('x') ?? 0) + (sim.assigned.get('y') ?? 0)).toBe(10_000 - 177);
        expect(sim.assigned.get('y') ?? 0).toBeLessThanOrEqual(1000);
      },
    );

    it('uses no backup while a primary member is eligible', () => {
      const members = [member('a'), member('x', { backup: true })];
      const sim = simulate(AssignmentStrategy.RoundRobin, members, 1000);
      expect(sim.assigned.get('x')).toBeUndefined();
      expect(sim.modes.every((m) => m === PoolMode.Primary)).toBe(true);
    });

    it('leaves out unknown or inactive members and says why', () => {
      const e = eligibleMembers(
        [member('a'), member('gone'), member('x', { backup: true })],
        { assignedToday: new Map(), activeCustomers: new Map(), unavailable: new Set(['gone']) },
        new Date(),
      );
      expect(e.userIds).toEqual(['a']);
      expect(e.excluded).toEqual(
        expect.arrayContaining([
          { userId: 'gone', reason: 'unavailable' },
          { userId: 'x', reason: 'backup_not_needed' },
        ]),
      );
    });

    it('ignores caps only when every member is capped and there is no backup (over cap)', () => {
      const members = [member('a', { dailyCap: 2 }), member('b', { dailyCap: 1 })];
      const sim = simulate(AssignmentStrategy.RoundRobin, members, 5);
      expect(sim.modes).toEqual([
        PoolMode.Primary,
        PoolMode.Primary,
        PoolMode.Primary,
        PoolMode.OverCap,
        PoolMode.OverCap,
      ]);
    });

    it('is empty when nobody can receive customers', () => {
      const plan = planPool(
        { strategy: AssignmentStrategy.RoundRobin, single: false, members: [member('a')] },
        { assignedToday: new Map(), activeCustomers: new Map(), unavailable: new Set(['a']) },
        new Date(),
      );
      expect(plan).toMatchObject({ pool: [], mode: PoolMode.Empty });
    });
  });

  describe('working hours', () => {
    // night shift in Shanghai 22:00-06:00 Monday to Friday nights; a day shift in New York
    const night = member('night', {
      hours: {
        timezone: 'Asia/Shanghai',
        windows: [{ days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' }],
      },
    });
    const ny = member('ny', {
      hours: {
        timezone: 'America/New_York',
        windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
      },
    });
    const backup = member('backup', { backup: true });
    const members = [night, ny, backup];
    const plan = (iso: string) =>
      planPool(
        { strategy: AssignmentStrategy.RoundRobin, single: false, members },
        { assignedToday: new Map(), activeCustomers: new Map(), unavailable: new Set() },
        new Date(iso),
      );

    it.each([
      // Monday 2026-03-02 23:30 Shanghai = 15:30Z Monday (NY 10:30 Monday, EST)
      ['2026-03-02T15:30:00Z', ['night', 'ny'], PoolMode.Primary],
      // Tuesday 05:59 Shanghai, across midnight from Monday night = Monday 21:59Z (NY 16:59)
      ['2026-03-02T21:59:00Z', ['night', 'ny'], PoolMode.Primary],
      // Tuesday 06:00 Shanghai: night shift over; NY 17:00: over too → backup
      ['2026-03-02T22:00:00Z', ['backup'], PoolMode.Backup],
      // Saturday 03:00 Shanghai: Friday night's shift goes on past midnight = Fri 19:00Z (NY 14:00)
      ['2026-03-06T19:00:00Z', ['night', 'ny'], PoolMode.Primary],
      // Saturday 07:00 Shanghai = Fri 23:00Z: night over, NY 18:00 over
      ['2026-03-06T23:00:00Z', ['backup'], PoolMode.Backup],
      // Sunday 03:00 Shanghai: Saturday night is not a listed night = Sat 19:00Z
      ['2026-03-07T19:00:00Z', ['backup'], PoolMode.Backup],
      // Monday 01:00 Shanghai: the Sunday-night window is not listed = Sun 17:00Z
      ['2026-03-08T17:00:00Z', ['backup'], PoolMode.Backup],
      // DST in New York (2026-03-08): 09:00 EDT = 13:00Z on Monday 2026-03-09
      ['2026-03-09T13:00:00Z', ['ny'], PoolMode.Primary],
      ['2026-03-09T12:59:00Z', ['backup'], PoolMode.Backup],
    ])('at %s the pool is %j', (iso, pool, mode) => {
      const p = plan(iso);
      expect(p.pool).toEqual([...pool].sort());
      expect(p.mode).toBe(mode);
    });

    it('relaxes hours (never caps) when everyone is off and there is no backup', () => {
      const p = planPool(
        {
          strategy: AssignmentStrategy.RoundRobin,
          single: false,
          members: [night, member('capped', { dailyCap: 1, hours: night.hours })],
        },
        {
          assignedToday: new Map([['capped', 1]]),
          activeCustomers: new Map(),
          unavailable: new Set(),
        },
        new Date('2026-03-02T04:00:00Z'), // Monday noon in Shanghai
      );
      expect(p).toMatchObject({ pool: ['night'], mode: PoolMode.OffHours });
    });

    it('never assigns outside working hours over a simulated week', () => {
      const start = Date.parse('2026-03-02T00:00:00Z');
      const at = (i: number) => new Date(start + i * 7 * 60_000); // every 7 minutes for ~a week
      const sim = simulate(AssignmentStrategy.RoundRobin, members, 1440, { at });
      expect(sim.assigned.get('night')).toBeGreaterThan(0);
      expect(sim.assigned.get('ny')).toBeGreaterThan(0);
      expect(sim.assigned.get('backup')).toBeGreaterThan(0);
      // replay: each add went to someone inside their hours or to the backup
      const rnd = prng(42);
      const assigned = new Map<string, number>();
      for (let i = 0; i < 1440; i++) {
        const p = planPool(
          { strategy: AssignmentStrategy.RoundRobin, single: false, members },
          { assignedToday: assigned, activeCustomers: new Map(), unavailable: new Set() },
          at(i),
        );
        const chosen = p.pool[Math.floor(rnd() * p.pool.length)];
        if (chosen !== 'backup')
          expect(
            eligibleMembers(
              members,
              { assignedToday: new Map(), activeCustomers: new Map(), unavailable: new Set() },
              at(i),
            ).userIds,
          ).toContain(chosen);
        assigned.set(chosen, (assigned.get(chosen) ?? 0) + 1);
      }
    });
  });
});
