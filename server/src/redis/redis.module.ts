import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AllConfig } from '../config/configuration';
import { createRedisClient, RedisClient } from './redis-client';
import { REDIS_CLIENT } from './redis.constants';

/**
 * One shared ioredis connection for caches, locks and rate limiters (not for Bull): a single
 * Redis, or a Redis Cluster when REDIS_CLUSTER_NODES is set (`redis-client.ts`).
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) =>
        createRedisClient(config.get('redis', { infer: true }), {
          lazyConnect: false,
          maxRetriesPerRequest: 3,
          // commands issued in the same tick (many jobs at once) share one write to Redis
          enableAutoPipelining: true,
        }),
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
