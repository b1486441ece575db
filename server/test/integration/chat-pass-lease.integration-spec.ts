import { randomBytes } from 'node:crypto';
import type { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { CorpPassLease, HeldLease } from '../../src/chat-archive/corp-pass-lease';
import type { AllConfig } from '../../src/config/configuration';

/**
 * The chat rules' per-corp pass lease against a real Redis: one pass of a corp at a time, and a
 * wake-up that finds the pass busy is not lost (the holder runs once more).
 */
describe('CorpPassLease (chat rules: one pass per corp, no lost wake-up)', () => {
  let redis: Redis;
  let lease: CorpPassLease;
  const prefix = `test-lease-${randomBytes(4).toString('hex')}`;

  beforeAll(() => {
    redis = new Redis({
      host: process.env.REDIS_HOST,
      port: Number(process.env.REDIS_PORT ?? 6379),
      maxRetriesPerRequest: 3,
    });
    const config = { get: () => ({ prefix }) } as unknown as ConfigService<AllConfig, true>;
    lease = new CorpPassLease(redis, config);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('runs one pass of a corp at a time; a call while it runs makes the holder run again', async () => {
    let running = 0;
    let most = 0;
    const passes: string[] = [];
    let release!: () => void;
    const firstPassHeld = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const firstPassStarted = new Promise<void>((r) => (started = r));
    const pass = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      passes.push(name);
      if (passes.length === 1) {
        started();
        await firstPassHeld; // the first pass is still running when B comes
      }
      running--;
      return 1;
    };
    const a = lease.run('corpA', 10_000, pass('a'));
    // B comes once A holds the lease and runs (not after a fixed sleep: a loaded box may be slower)
    await firstPassStarted;
    // B finds the pass busy: it returns at once, and A runs its pass once more for it
    expect(await lease.run('corpA', 10_000, pass('b'))).toBe(0);
    release();
    expect(await a).toBe(2);
    expect(passes).toEqual(['a', 'a']);
    expect(most).toBe(1);
    // another corp's pass is not held up by this one
    expect(await lease.run('corpB', 10_000, pass('c'))).toBe(1);
  });

  it('a lease that ran out is taken back by renew only when no one else took it', async () => {
    const key = `${prefix}:chat-rules-pass:corpC`;
    const outcome = await lease.run('corpC', 100, async (held: HeldLease) => {
      await new Promise((r) => setTimeout(r, 250)); // the lease (100 ms) runs out meanwhile
      const retaken = await held.renew(); // no one took it: this pass has it again
      await redis.set(key, 'another-worker'); // now another worker takes it
      const kept = await held.renew();
      expect(await redis.get(key)).toBe('another-worker'); // and the holder does not take it back
      await redis.del(key);
      return retaken && !kept ? 1 : 0;
    });
    expect(outcome).toBe(1);
  });
});
