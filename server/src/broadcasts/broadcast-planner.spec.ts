import { subtree, TaskChunker } from './broadcast-planner.service';
import { receiveWindow } from './receive-limit';

describe('TaskChunker', () => {
  it('gives each sender tasks of at most the limit, in the order they fill', () => {
    const c = new TaskChunker(3);
    const seqs = ['a', 'b', 'a', 'a', 'a', 'b', 'a', 'a'].map((s) => c.add(s));
    expect(seqs).toEqual([1, 2, 1, 1, 3, 2, 3, 3]);
    expect(c.tasks()).toEqual([
      { seq: 1, senderUserId: 'a', recipientCount: 3 },
      { seq: 2, senderUserId: 'b', recipientCount: 2 },
      { seq: 3, senderUserId: 'a', recipientCount: 3 },
    ]);
  });

  it('makes the minimum number of tasks: ceil(recipients / limit) per sender', () => {
    const c = new TaskChunker(10_000);
    for (let i = 0; i < 25_001; i++) c.add(i % 2 ? 'x' : 'y');
    expect(c.tasks().map((t) => t.recipientCount)).toEqual([10_000, 10_000, 2_501, 2_500]);
  });
});

describe('receive limit windows (China time)', () => {
  // 2026-12-02 01:00 +08:00 = 2026-12-01 17:00 UTC (a Wednesday)
  const t = Date.UTC(2026, 11, 1, 17);
  it('day, week (from Monday), month (days of the month)', () => {
    expect(receiveWindow('day', t)).toEqual({ start: new Date(Date.UTC(2026, 11, 1, 16)), cap: 1 });
    expect(receiveWindow('week', t)).toEqual({
      start: new Date(Date.UTC(2026, 10, 29, 16)),
      cap: 7,
    });
    expect(receiveWindow('month', t)).toEqual({
      start: new Date(Date.UTC(2026, 10, 30, 16)),
      cap: 31,
    });
  });
});

describe('subtree', () => {
  it('includes sub-departments', () => {
    const tree = [
      { id: 1, parentId: 0 },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 1 },
    ];
    expect(subtree(tree, [2]).sort()).toEqual([2, 3]);
  });
});
