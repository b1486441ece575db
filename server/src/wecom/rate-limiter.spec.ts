import { RateCounterStore, windowAt, WindowRateLimiter } from './rate-limiter';

/** The Redis script's semantics over a Map (TTL ignored: keys carry the window index). */
class MemoryStore implements RateCounterStore {
  readonly counts = new Map<string, number>();

  async take(keys: string[], limits: number[]): Promise<number> {
    for (let i = 0; i < keys.length; i++) {
      if ((this.counts.get(keys[i]) ?? 0) >= limits[i]) return i + 1;
    }
    for (const k of keys) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    return 0;
  }
}

function limiter(windows: Array<{ ms: number; limit: number }>, start = 1_000_000) {
  const clock = { now: start };
  const sleeps: number[] = [];
  const store = new MemoryStore();
  const rl = new WindowRateLimiter(
    store,
    windows,
    'rl:',
    () => clock.now,
    async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
  );
  return { rl, clock, sleeps, store };
}

describe('windowAt', () => {
  it('finds the fixed window and the time left in it', () => {
    expect(windowAt(0, 60000)).toEqual({ index: 0, msUntilNext: 60000 });
    expect(windowAt(59999, 60000)).toEqual({ index: 0, msUntilNext: 1 });
    expect(windowAt(60000, 60000)).toEqual({ index: 1, msUntilNext: 60000 });
    expect(windowAt(125000, 60000)).toEqual({ index: 2, msUntilNext: 55000 });
  });
});

describe('WindowRateLimiter', () => {
  it('lets calls through while the window has room, without waiting', async () => {
    const { rl, sleeps } = limiter([{ ms: 60000, limit: 3 }]);
    for (let i = 0; i < 3; i++) expect(await rl.acquire('ww1', 'externalcontact/get')).toBe(0);
    expect(sleeps).toEqual([]);
  });

  it('waits for the next window when the current one is full (never fails)', async () => {
    const { rl, sleeps, clock } = limiter([{ ms: 60000, limit: 2 }], 60000 * 10 + 15000);
    await rl.acquire('ww1', 'p');
    await rl.acquire('ww1', 'p');
    const waited = await rl.acquire('ww1', 'p');
    expect(sleeps).toHaveLength(1);
    expect(waited).toBe(sleeps[0]);
    expect(waited).toBeGreaterThanOrEqual(45000);
    expect(waited).toBeLessThan(45000 + 50);
    expect(windowAt(clock.now, 60000).index).toBe(11);
  });

  it('counts per corp and per API path separately', async () => {
    const { rl, sleeps } = limiter([{ ms: 60000, limit: 1 }]);
    await rl.acquire('ww1', 'a');
    await rl.acquire('ww1', 'b');
    await rl.acquire('ww2', 'a');
    expect(sleeps).toEqual([]);
    await rl.acquire('ww1', 'a');
    expect(sleeps).toHaveLength(1);
  });

  it('honours every window: a full hour waits for the hour, not the minute', async () => {
    const { rl, sleeps } = limiter(
      [
        { ms: 60000, limit: 100 },
        { ms: 3600000, limit: 3 },
      ],
      0,
    );
    for (let i = 0; i < 3; i++) await rl.acquire('ww1', 'p');
    await rl.acquire('ww1', 'p');
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(3600000);
  });

  it('does not count a refused call against the window', async () => {
    const { rl, store } = limiter([{ ms: 60000, limit: 1 }], 0);
    await rl.acquire('ww1', 'p');
    await rl.acquire('ww1', 'p'); // waits one window, then counts once in window 1
    expect(store.counts.get('rl:{ww1:p}:60000:0')).toBe(1);
    expect(store.counts.get('rl:{ww1:p}:60000:1')).toBe(1);
  });
});
