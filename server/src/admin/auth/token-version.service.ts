import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { AllConfig } from '../../config/configuration';
import { REDIS_CLIENT } from '../../redis/redis.constants';
import { StaffConsoleRoleRepository } from '../staff-access/staff-console-role.repository';
import { AdminUserRepository } from './admin-user.repository';

/** How long a looked-up version stays cached; every change overwrites it at once. */
const CACHE_SECONDS = 300;
const REVOKED = 'revoked';

/**
 * Instant revocation. Every session token carries its account's token version (`tv`); the
 * guard compares it on every request with the current one, read through Redis
 * (`<BULL_PREFIX>:auth:tv:<principal>`, filled from MariaDB on a miss with SET NX). Disabling a
 * user, changing their role or corps, resetting their password, or taking a staff member's
 * console role away (or their `delete_user`) bumps the version in MariaDB and then overwrites
 * the cached value, so the next request with an older token is a 401. Without Redis the
 * lookup reads MariaDB.
 */
@Injectable()
export class TokenVersionService {
  private readonly logger = new Logger(TokenVersionService.name);
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly users: AdminUserRepository,
    private readonly staffRoles: StaffConsoleRoleRepository,
    config: ConfigService<AllConfig, true>,
  ) {
    this.prefix = `${config.get('queue.prefix', { infer: true })}:auth:tv:`;
  }

  /** The principal's current token version; null when it may not sign in (disabled, revoked). */
  async current(principal: string): Promise<number | null> {
    const key = this.prefix + principal;
    let cached: string | null;
    try {
      cached = await this.redis.get(key);
    } catch {
      return this.load(principal);
    }
    if (cached !== null) return cached === REVOKED ? null : Number(cached);
    const version = await this.load(principal);
    // NX: a change published meanwhile wins over this (possibly older) read
    await this.redis
      .set(key, version === null ? REVOKED : String(version), 'EX', CACHE_SECONDS, 'NX')
      .catch(() => undefined);
    return version;
  }

  /** After a change is committed: the cached version becomes the stored one at once. */
  async publish(principal: string): Promise<void> {
    const key = this.prefix + principal;
    const version = await this.load(principal);
    try {
      await this.redis.set(key, version === null ? REVOKED : String(version), 'EX', CACHE_SECONDS);
    } catch (err) {
      this.logger.error(
        { principal, err: (err as Error).message },
        `could not publish a token version to Redis: sessions of ${principal} may last up to ${CACHE_SECONDS} s`,
      );
    }
  }

  private async load(principal: string): Promise<number | null> {
    const [kind, rest] = [
      principal.slice(0, principal.indexOf(':')),
      principal.slice(principal.indexOf(':') + 1),
    ];
    if (kind === 'admin') {
      const user = await this.users.findRowById(rest);
      return user && !user.disabled ? user.tokenVersion : null;
    }
    if (kind === 'staff') {
      const sep = rest.indexOf(':');
      const row = await this.staffRoles.find(rest.slice(0, sep), rest.slice(sep + 1));
      return row?.role ? row.tokenVersion : null;
    }
    return null;
  }
}
