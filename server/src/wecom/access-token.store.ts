import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RedisClient } from '../redis/redis-client';
import { LRUCache } from 'lru-cache';
import { REDIS_CLIENT } from '../redis/redis.constants';
import { WecomApiException } from './wecom-api.exception';
import { WECOM_MODULE_OPTIONS, WecomModuleOptions } from './wecom.options';
import type { SecretScope } from './wecom.types';

/** A freshly fetched access_token or JS-SDK ticket and its lifetime in seconds. */
export interface FetchedCredential {
  value: string;
  expiresIn: number;
}

/** JS-SDK ticket kinds: the corp `jsapi_ticket` (wx.config) and the app `agent_config` ticket. */
export type TicketKind = 'jsapi' | 'agent_config';

/**
 * Deletes the key only while it still holds `ARGV[1]` (token invalidation, lock release). One key
 * per script, so it runs on Redis Cluster as it does on one Redis (as every command here does).
 */
const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Seconds to cache a credential WeCom gave `expiresIn` seconds of life: expires_in minus the
 * safety margin; for short lifetimes (a sandbox, a token about to expire) half of it.
 */
export function cacheTtlSeconds(expiresIn: number, marginSeconds: number): number {
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) return 1;
  if (expiresIn > marginSeconds * 2) return Math.floor(expiresIn - marginSeconds);
  return Math.max(1, Math.floor(expiresIn / 2));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * access_tokens (per corp and secret scope) and JS-SDK tickets, cached in Redis so every API
 * and worker process shares them. A refresh happens once for all processes: the caller that wins
 * a Redis lock (SET NX PX) fetches; the others poll the cache until the value appears. In one
 * process, concurrent callers share the same pending refresh, and a value read from Redis is
 * kept in memory for `localCacheMs` (so a busy worker does not ask Redis before every call);
 * `invalidate` and `forget` drop it here at once, other processes within `localCacheMs` or at
 * WeCom's first 40014/42001.
 *
 * Values are never logged.
 */
@Injectable()
export class AccessTokenStore {
  private readonly logger = new Logger(AccessTokenStore.name);
  private readonly pending = new Map<string, Promise<string>>();
  private readonly local: LRUCache<string, string> | null;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(WECOM_MODULE_OPTIONS) private readonly options: WecomModuleOptions,
  ) {
    this.local =
      options.localCacheMs > 0 ? new LRUCache({ max: 10_000, ttl: options.localCacheMs }) : null;
  }

  tokenKey(corpId: string, scope: SecretScope): string {
    return `${this.options.redisKeyPrefix}token:${corpId}:${scope}`;
  }

  ticketKey(corpId: string, kind: TicketKind): string {
    return `${this.options.redisKeyPrefix}ticket:${corpId}:${kind}`;
  }

  /** The cached value of `key`, or one fetched with `fetch` (at most one fetch at a time overall). */
  async get(key: string, fetch: () => Promise<FetchedCredential>): Promise<string> {
    const kept = this.local?.get(key);
    if (kept) return kept;
    const cached = await this.redis.get(key);
    if (cached) return this.keep(key, cached);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.refresh(key, fetch)
        .then((value) => this.keep(key, value))
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** Forget `stale` (WeCom rejected it) unless another caller already replaced it. */
  async invalidate(key: string, stale: string): Promise<void> {
    if (this.local?.get(key) === stale) this.local.delete(key);
    await this.redis.eval(DELETE_IF_EQUALS, 1, key, stale);
  }

  /** Forget whatever is cached under `key` (e.g. after a secret change). */
  async forget(key: string): Promise<void> {
    this.local?.delete(key);
    await this.redis.del(key);
  }

  private keep(key: string, value: string): string {
    this.local?.set(key, value);
    return value;
  }

  private async refresh(key: string, fetch: () => Promise<FetchedCredential>): Promise<string> {
    const lockKey = `${key}:lock`;
    const lockMs = this.options.refreshLockMs;
    const deadline = Date.now() + lockMs * 2;
    for (;;) {
      const owner = randomUUID();
      if ((await this.redis.set(lockKey, owner, 'PX', lockMs, 'NX')) === 'OK') {
        try {
          // Someone may have stored a fresh value between our miss and our lock.
          const again = await this.redis.get(key);
          if (again) return again;
          const started = Date.now();
          const { value, expiresIn } = await fetch();
          const ttl = cacheTtlSeconds(expiresIn, this.options.tokenSafetyMarginSeconds);
          await this.redis.set(key, value, 'EX', ttl);
          this.logger.debug(
            `refreshed ${describeKey(key)} in ${Date.now() - started} ms, cached ${ttl} s`,
          );
          return value;
        } finally {
          await this.redis.eval(DELETE_IF_EQUALS, 1, lockKey, owner).catch(() => undefined);
        }
      }
      // Another process is refreshing: wait for its value, or for its lock to go away.
      while (Date.now() < deadline) {
        await sleep(40 + Math.floor(Math.random() * 30));
        const value = await this.redis.get(key);
        if (value) return value;
        if (!(await this.redis.exists(lockKey))) break;
      }
      if (Date.now() >= deadline) {
        throw WecomApiException.unavailable(
          'gettoken',
          `timed out waiting for ${describeKey(key)}`,
        );
      }
    }
  }
}

/** `token:<corp>:<scope>` for logs: the key, never the value. */
function describeKey(key: string): string {
  const i = key.search(/(token|ticket):/);
  return i >= 0 ? key.slice(i) : key;
}
