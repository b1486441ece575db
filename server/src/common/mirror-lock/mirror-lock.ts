import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { AppException } from '../app.exception';
import { AllConfig } from '../../config/configuration';
import { REDIS_CLIENT } from '../../redis/redis.constants';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** The lock is busy for too long: the job fails and Bull retries it with backoff. */
export class MirrorLockBusyException extends AppException {
  constructor(name: string) {
    super('MIRROR_LOCK_BUSY', `mirror lock ${name} is busy; retry later`, 503);
  }
}

/**
 * A short Redis lock around "read from WeCom, then write the mirror" for one object (a user, a
 * chat, a corp's tag library). Two writers of the same object (a callback and the full sync, or
 * two callbacks) then never interleave their read and write, so a stale read can never land
 * after a newer one. Shared by every process (state lives in Redis, not in memory).
 */
@Injectable()
export class MirrorLock {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: ConfigService<AllConfig, true>,
  ) {
    this.prefix = `${config.get('queue', { infer: true }).prefix}:mirror-lock:`;
  }

  async run<T>(name: string, fn: () => Promise<T>, waitMs = 20_000, ttlMs = 120_000): Promise<T> {
    const key = this.prefix + name;
    const token = randomBytes(12).toString('hex');
    const deadline = Date.now() + waitMs;
    let delay = 20;
    while ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new MirrorLockBusyException(name);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 250);
    }
    try {
      return await fn();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}
