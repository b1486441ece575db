import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { AllConfig } from '../config/configuration';
import { REDIS_CLIENT } from '../redis/redis.constants';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
// renewing a lease that ran out takes it again when no one else took it meanwhile
const RENEW = `local v = redis.call('get', KEYS[1])
if v == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if not v then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

/** A held lease: renew it between batches, release it at the end. */
export interface HeldLease {
  /** False when the lease ran out and another worker may hold it now. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * One worker runs a corp's rules pass at a time (a Redis lease per corp, shared by every worker
 * process), so messages need no per-row claim. A worker that dies leaves the lease to expire
 * (`ttlMs`); its uncommitted batch is still pending and the next pass takes it.
 *
 * **No wake-up is lost**: a job that finds the lease taken leaves a "run again" flag; the holder
 * looks at the flag after its last empty read and once more after releasing, and runs again when
 * it is set (`run`).
 */
@Injectable()
export class CorpPassLease {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: ConfigService<AllConfig, true>,
  ) {
    this.prefix = `${config.get('queue', { infer: true }).prefix}:chat-rules-pass:`;
  }

  /**
   * Runs `pass` under the corp's lease, again as long as someone asked for a pass meanwhile.
   * Returns the sum of what the passes returned (0 when another worker holds the lease: it
   * will run the pass this call asked for).
   */
  async run(
    corpId: string,
    ttlMs: number,
    pass: (lease: HeldLease) => Promise<number>,
  ): Promise<number> {
    const key = this.prefix + corpId;
    const again = `${key}:again`;
    let total = 0;
    for (;;) {
      await this.redis.set(again, '1', 'PX', ttlMs);
      const token = randomBytes(12).toString('hex');
      if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return total;
      const lease: HeldLease = {
        renew: async () => Number(await this.redis.eval(RENEW, 1, key, token, ttlMs)) === 1,
        release: async () => {
          await this.redis.eval(RELEASE, 1, key, token);
        },
      };
      try {
        do {
          await this.redis.del(again);
          total += await pass(lease);
        } while (await this.redis.exists(again));
      } finally {
        await lease.release().catch(() => undefined);
      }
      // a job that came between the last look and the release found the lease taken
      if (!(await this.redis.exists(again))) return total;
    }
  }
}
