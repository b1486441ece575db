import { phasesFrom, SYNC_PHASES, userChunks } from './sync.plan';

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
