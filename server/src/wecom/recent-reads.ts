import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.constants';
import { WECOM_MODULE_OPTIONS, WecomModuleOptions } from './wecom.options';

/** Where finished reads are kept (Redis in the app, a Map in unit tests). */
export interface RecentReadStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export class RedisRecentReadStore implements RecentReadStore {
  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, value, 'PX', ttlMs);
  }
}

/** In memory, for unit tests and single-process tools. */
export class MemoryRecentReadStore implements RecentReadStore {
  readonly values = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

interface KeptRead {
  /** When the read started (ms since the epoch). */
  s: number;
  v: unknown;
}

/**
 * Coalesces re-reads of one WeCom object by callback handlers.
 *
 * A handler needs WeCom's state of an object "as of no earlier than" the moment its event reached
 * the server (`freshSince`). WeCom sends a callback after the change it reports, so any read that
 * *started* at or after that moment already shows the change and can be reused. One read then
 * serves every event of the object that arrived before it started: a backlog of edits of one
 * customer costs one `externalcontact/get`, and the welcome job's read of a new customer is
 * reused by the mirror's handler of the same add. Finished reads are kept in Redis for `ttlMs`
 * (shared by every worker); reads in flight in this process are shared as well.
 *
 * The moment an event arrived is stamped by the API process and a read's start by a worker, so
 * the hosts' clocks must agree (NTP); `skewMs` is the margin allowed for it.
 */
export class RecentReads {
  private readonly inFlight = new Map<string, { startedAt: number; promise: Promise<unknown> }>();

  constructor(
    private readonly store: RecentReadStore,
    private readonly options: { ttlMs: number; skewMs: number; keyPrefix: string },
    private readonly now: () => number = Date.now,
  ) {}

  /** A read of `key` that started at or after `freshSince` (ms), fetched only if there is none. */
  async read<T>(key: string, freshSince: number, fetch: () => Promise<T>): Promise<T> {
    if (!Number.isFinite(freshSince)) return this.fetchAndKeep(key, fetch);
    const since = freshSince + this.options.skewMs;
    const shared = this.sharedInFlight<T>(key, since);
    if (shared) return shared;
    const kept = await this.store.get(this.options.keyPrefix + key).catch(() => null);
    if (kept) {
      const read = JSON.parse(kept) as KeptRead;
      if (read.s >= since) return read.v as T;
    }
    // another caller may have started the read while this one looked in the store
    return this.sharedInFlight<T>(key, since) ?? this.fetchAndKeep(key, fetch);
  }

  private sharedInFlight<T>(key: string, since: number): Promise<T> | undefined {
    const flying = this.inFlight.get(key);
    if (!flying || flying.startedAt < since) return undefined;
    return flying.promise.then((value) => structuredClone(value as T));
  }

  /** Always reads, and keeps the result for later callers. */
  async fetchAndKeep<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const startedAt = this.now();
    const promise = fetch().then(async (value) => {
      const kept: KeptRead = { s: startedAt, v: value };
      // not awaited: a lost write only costs a later caller one more read
      void this.store
        .set(this.options.keyPrefix + key, JSON.stringify(kept), this.options.ttlMs)
        .catch(() => undefined);
      return value;
    });
    this.inFlight.set(key, { startedAt, promise });
    try {
      return structuredClone(await promise);
    } finally {
      if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
    }
  }
}

/** The module's instance: reads kept in Redis under the module's key prefix. */
@Injectable()
export class WecomRecentReads extends RecentReads {
  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(WECOM_MODULE_OPTIONS) options: WecomModuleOptions,
  ) {
    super(new RedisRecentReadStore(redis), {
      ...options.recentReads,
      keyPrefix: `${options.redisKeyPrefix}read:`,
    });
  }
}
