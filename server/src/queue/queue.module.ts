import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RedisOptions } from 'ioredis';
import { AllConfig } from '../config/configuration';
import { createRedisClient } from '../redis/redis-client';
import { defaultJobOptions } from './job-options';
import { QueueName } from './queue-names';
import { JobContext } from './job-context';
import { JobQueueService } from './job-queue.service';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

/** Bull on Redis. The only module that wires @nestjs/bull; others enqueue via JobQueueService. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) => {
        const queue = config.get('queue', { infer: true });
        const redis = config.get('redis', { infer: true });
        return {
          redis,
          // Bull's command connection pipelines commands issued in the same tick (a worker runs
          // many jobs at once); the blocking and subscriber connections must not (Bull's rules).
          // On Redis Cluster (REDIS_CLUSTER_NODES) each is an ioredis Cluster, and the prefix is
          // a hash tag (`{scrm}`: queue.prefix), so every key of every queue is in one slot, as
          // Bull's multi-key Lua scripts require.
          createClient: (type: 'client' | 'subscriber' | 'bclient', opts?: RedisOptions) =>
            type === 'client'
              ? createRedisClient(redis, { ...opts, enableAutoPipelining: true })
              : createRedisClient(redis, {
                  ...opts,
                  maxRetriesPerRequest: null,
                  enableReadyCheck: false,
                }),
          prefix: queue.prefix,
          defaultJobOptions: defaultJobOptions(queue.attempts, queue.backoffMs),
          // a worker killed mid-job loses its lock; another worker takes the job over
          settings: {
            lockDuration: queue.lockMs,
            stalledInterval: Math.max(1000, queue.lockMs / 2),
          },
        };
      },
    }),
    ...queues,
  ],
  providers: [JobQueueService, JobContext],
  exports: [JobQueueService, JobContext, ...queues],
})
export class QueueModule {}
