import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import { ChannelPoolService, SyncPoolJobData } from '../pool/channel-pool.service';
import {
  ChannelWelcomeService,
  WelcomeJobData,
  WriteAddJobData,
} from '../welcome/channel-welcome.service';

/**
 * Welcome jobs run many at a time: each mostly waits (a name read and send_welcome_msg at WeCom,
 * ~100 ms each, plus two commits), so 200 adds/s need ~80 in flight.
 */
const WELCOME_CONCURRENCY = 128;
const KEEPER_EVERY_MS = 60_000;

@Processor(QueueName.Welcome)
export class WelcomeProcessor {
  constructor(
    private readonly welcome: ChannelWelcomeService,
    private readonly context: JobContext,
  ) {}

  @Process({ name: JobName.SendWelcome, concurrency: WELCOME_CONCURRENCY })
  send(job: Job<WelcomeJobData>) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.context.run(job, () => this.welcome.handle(job.data, finalAttempt));
  }
}

@Processor(QueueName.Channels)
export class ChannelPoolProcessor implements OnModuleInit {
  constructor(
    private readonly pool: ChannelPoolService,
    private readonly welcome: ChannelWelcomeService,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
  ) {}

  /** One repeatable keeper pass per installation (Bull dedupes repeatable jobs by key). */
  async onModuleInit(): Promise<void> {
    await this.jobs.enqueue(
      JobName.SyncAllChannelPools,
      {},
      { repeat: { every: KEEPER_EVERY_MS }, jobId: 'channel-pools' },
    );
  }

  @Process({ name: JobName.SyncChannelPool, concurrency: 4 })
  sync(job: Job<SyncPoolJobData>) {
    return this.context.run(job, () => this.pool.sync(job.data.corpId, job.data.channelId));
  }

  /** Two WeCom writes each (mark_tag, remark), off the welcome queue. */
  @Process({ name: JobName.WriteChannelAdd, concurrency: 32 })
  writeAdd(job: Job<WriteAddJobData>) {
    return this.context.run(job, () => this.welcome.writeAdd(job.data));
  }

  @Process(JobName.SyncAllChannelPools)
  syncAll(job: Job) {
    return this.context.run(job, () => this.pool.syncAll());
  }
}
