import { phaseProgress, phasesFrom, SYNC_PHASES, userChunks } from './sync.plan';

describe('full sync plan', () => {
  it('runs every phase in order from the start, or from the checkpoint phase on', () => {
    expect(phasesFrom(undefined)).toEqual([...SYNC_PHASES]);
    expect(phasesFrom('customers')).toEqual(['customers', 'groups', 'reconcile']);
    expect(phasesFrom('reconcile')).toEqual(['reconcile']);
  });

  it('reads members in sorted chunks of 100 and resumes at the checkpoint chunk', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(3, '0')}`).reverse();
    const all = userChunks(ids);
    expect(all.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(all[1][0]).toBe('u100');
    expect(userChunks(ids, 'u100').map((c) => c[0])).toEqual(['u100', 'u200']);
    // the chunk's first member is gone since: resume at the next one
    expect(
      userChunks(
        ids.filter((i) => i !== 'u100'),
        'u100',
      )[0][0],
    ).toBe('u101');
    expect(userChunks(ids, '\uffff')).toEqual([]);
    expect(userChunks(['b', 'a', 'a'])).toEqual([['a', 'b']]);
  });
});

describe('phaseProgress', () => {
  const progress = { departments: { done: 3, total: 3 }, staff: { done: 10, total: 21 } };

  it('marks the phases before the current one done, the current running, the rest pending', () => {
    expect(phaseProgress('running', 'staff', progress)).toEqual([
      { phase: 'departments', state: 'done', done: 3, total: 3 },
      { phase: 'staff', state: 'running', done: 10, total: 21 },
      { phase: 'tags', state: 'pending', done: 0, total: 0 },
      { phase: 'customers', state: 'pending', done: 0, total: 0 },
      { phase: 'groups', state: 'pending', done: 0, total: 0 },
      { phase: 'reconcile', state: 'pending', done: 0, total: 0 },
    ]);
  });

  it('a failed run fails its current phase; a done run is done everywhere', () => {
    expect(phaseProgress('failed', 'staff', progress)[1].state).toBe('failed');
    expect(phaseProgress('done', 'done', progress).every((p) => p.state === 'done')).toBe(true);
  });
});
