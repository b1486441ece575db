import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AllConfig } from '../config/configuration';
import { createRedisClient } from './redis-client';

/**
 * The login throttler's counters, in Redis so every API node shares them, on a single Redis or a
 * Redis Cluster alike (its script's two keys share the hash tag `{key:name}`, one slot). Its
 * connection is its own and is closed with the module.
 */
export function throttlerStorage(
  redis: AllConfig['redis'],
  keyPrefix: string,
): ThrottlerStorageRedisService {
  const storage = new ThrottlerStorageRedisService(
    createRedisClient(redis, { keyPrefix }) as never,
  );
  storage.disconnectRequired = true;
  return storage;
}
