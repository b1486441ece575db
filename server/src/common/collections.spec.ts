import { groupBy } from './collections';

describe('groupBy', () => {
  it('groups items by key, keeping their order within each group and the keys in first-seen order', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...groups]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
    expect(groupBy([], (x: number) => x).size).toBe(0);
  });
});
