import { RangeTaskAllocator, subtree, TaskChunker } from './broadcast-planner.service';
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

describe('RangeTaskAllocator', () => {
  /** What the plan's INSERT does with an assignment: the k-th (1-based) of a sender's range. */
  const seqOf = (a: { openSeq: number; room: number; nextSeq: number }, k: number, max: number) =>
    k <= a.room ? a.openSeq : a.nextSeq + Math.floor((k - a.room - 1) / max);

  it('splits recipients into the same tasks as TaskChunker, range by range', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 30; round++) {
      const max = 1 + rand(6);
      const senders = ['a', 'b', 'c', 'd'].slice(0, 1 + rand(4));
      const stream = Array.from({ length: rand(80) }, () => senders[rand(senders.length)]);
      const chunker = new TaskChunker(max);
      const want = stream.map((s) => chunker.add(s));
      const alloc = new RangeTaskAllocator(max);
      const got: number[] = [];
      for (let i = 0; i < stream.length;) {
        const range = stream.slice(i, i + 1 + rand(12));
        const counts = [...new Set(range)].map((sender) => ({
          sender,
          n: range.filter((s) => s === sender).length,
        }));
        const assign = new Map(alloc.assign(counts).map((a) => [a.sender, a]));
        const seen = new Map<string, number>();
        for (const s of range) {
          seen.set(s, (seen.get(s) ?? 0) + 1);
          got.push(seqOf(assign.get(s)!, seen.get(s)!, max));
        }
        i += range.length;
      }
      // the same partition of the recipients into tasks (numbered differently)
      const partition = (seqs: number[]) =>
        [...new Set(seqs)].map((q) => seqs.flatMap((x, i) => (x === q ? [i] : [])).join()).sort();
      expect(partition(got)).toEqual(partition(want));
      const tasks = alloc.tasks();
      expect(tasks.map((t) => t.seq)).toEqual(tasks.map((_, i) => i + 1));
      expect(tasks.map((t) => [t.senderUserId, t.recipientCount]).sort()).toEqual(
        chunker
          .tasks()
          .map((t) => [t.senderUserId, t.recipientCount])
          .sort(),
      );
    }
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
