import { DeadlineQueue } from './deadline-queue';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DeadlineQueue', () => {
  it('expires what is not finished after the deadline, in order, and never what is', async () => {
    const q = new DeadlineQueue(60, 5);
    const expired: number[] = [];
    const entries = [1, 2, 3, 4].map((n) => q.add(() => expired.push(n)));
    q.finish(entries[1]);
    q.finish(entries[0]);
    await sleep(30);
    expect(expired).toEqual([]);
    await sleep(80);
    expect(expired).toEqual([3, 4]);
    q.finish(entries[2]); // too late: already expired, nothing happens
    expect(expired).toEqual([3, 4]);
  });

  it('keeps going for entries added after the first expiry', async () => {
    const q = new DeadlineQueue(40, 5);
    const expired: string[] = [];
    q.add(() => expired.push('a'));
    await sleep(20);
    q.add(() => expired.push('b'));
    await sleep(35);
    expect(expired).toEqual(['a']);
    await sleep(40);
    expect(expired).toEqual(['a', 'b']);
  });
});
