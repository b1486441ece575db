import { Module } from '@nestjs/common';
import { MirrorLock } from './mirror-lock';

/**
 * The one provider of MirrorLock. Every module whose writers must not interleave "read from
 * WeCom, write the mirror" for one object (staff, groups, tags) imports this module instead of
 * providing the lock itself. Needs RedisModule (global) and the `queue` config (key prefix).
 */
@Module({ providers: [MirrorLock], exports: [MirrorLock] })
export class MirrorLockModule {}
