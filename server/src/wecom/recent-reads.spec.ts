import { MemoryRecentReadStore, RecentReads } from './recent-reads';

function setup() {
  let now = 1_000;
  const store = new MemoryRecentReadStore();
  const reads = new RecentReads(store, { ttlMs: 30_000, skewMs: 0, keyPrefix: 'p:' }, () => now);
  let version = 0;
  const fetch = jest.fn(async () => ({ version: ++version }));
  return { reads, store, fetch, at: (ms: number) => (now = ms) };
}

describe('RecentReads', () => {
  it('serves every event that arrived before a read started with that one read', async () => {
    const { reads, fetch, at } = setup();
    at(2_000);
    await expect(reads.read('wm1', 1_500, fetch)).resolves.toEqual({ version: 1 });
    at(2_500);
    await expect(reads.read('wm1', 1_900, fetch)).resolves.toEqual({ version: 1 });
    await expect(reads.read('wm1', 2_000, fetch)).resolves.toEqual({ version: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reads again for an event that arrived after the kept read started', async () => {
    const { reads, fetch, at } = setup();
    at(2_000);
    await reads.read('wm1', 1_500, fetch);
    at(3_000);
    await expect(reads.read('wm1', 2_001, fetch)).resolves.toEqual({ version: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps reads per key, under the prefix, and shares them across instances (Redis)', async () => {
    const { reads, store, fetch, at } = setup();
    at(2_000);
    await reads.read('wm1', 1_000, fetch);
    await reads.read('wm2', 1_000, fetch);
    expect([...store.values.keys()]).toEqual(['p:wm1', 'p:wm2']);
    const other = new RecentReads(store, { ttlMs: 30_000, skewMs: 0, keyPrefix: 'p:' });
    const otherFetch = jest.fn();
    await expect(other.read('wm1', 1_000, otherFetch)).resolves.toEqual({ version: 1 });
    expect(otherFetch).not.toHaveBeenCalled();
  });

  it('shares a read in flight, and gives each caller its own copy', async () => {
    const { reads, fetch, at } = setup();
    at(2_000);
    const [a, b] = await Promise.all([
      reads.read('wm1', 1_000, fetch),
      reads.read('wm1', 1_000, fetch),
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  it('does not keep a failed read', async () => {
    const { reads, store, at } = setup();
    at(2_000);
    const failing = jest.fn().mockRejectedValue(new Error('84061'));
    await expect(reads.read('wm1', 1_000, failing)).rejects.toThrow('84061');
    expect(store.values.size).toBe(0);
  });

  it('allows for clock skew by asking reads to start skewMs after the event', async () => {
    const store = new MemoryRecentReadStore();
    let now = 2_000;
    const reads = new RecentReads(store, { ttlMs: 1, skewMs: 100, keyPrefix: '' }, () => now);
    const fetch = jest.fn(async () => now);
    await reads.read('wm1', 1_950, fetch);
    now = 2_200;
    await expect(reads.read('wm1', 1_950, fetch)).resolves.toBe(2_200);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
