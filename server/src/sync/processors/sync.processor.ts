import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import { FullSyncJobData, SyncService } from '../sync.service';

/** Nightly full sync: 03:00 China time (WeCom corps live in UTC+8). */
export const NIGHTLY_SYNC_CRON = '0 3 * * *';
export const NIGHTLY_SYNC_TZ = 'Asia/Shanghai';
/** Full syncs run in parallel per worker process (different corps; one per corp by job id). */
const FULL_SYNC_CONCURRENCY = 2;

@Processor(QueueName.Sync)
export class SyncProcessor implements OnModuleInit {
  constructor(
    private readonly sync: SyncService,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
  ) {}

  /** One repeatable nightly job per installation (Bull dedupes repeatable jobs by key). */
  async onModuleInit(): Promise<void> {
    await this.jobs.enqueue(
      JobName.ScheduleNightlySync,
      {},
      { repeat: { cron: NIGHTLY_SYNC_CRON, tz: NIGHTLY_SYNC_TZ }, jobId: 'sync-nightly' },
    );
  }

  @Process({ name: JobName.FullSync, concurrency: FULL_SYNC_CONCURRENCY })
  full(job: Job<FullSyncJobData>) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.context.run(job, () => this.sync.runFullSync(job.data.corpId, finalAttempt));
  }

  @Process(JobName.ScheduleNightlySync)
  nightly(job: Job) {
    return this.context.run(job, () => this.sync.startNightly());
  }
}
