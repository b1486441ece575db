import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import { ChatArchivePullerService, PullJobData } from '../chat-archive-puller.service';
import { ChatArchiveService } from '../chat-archive.service';

const SWEEP_EVERY_MS = 60_000;
const RETENTION_EVERY_MS = 3600_000;

/**
 * The chat archive's jobs: pulls (sandbox), the rules over new messages, the minute's sweep and
 * the hourly retention. Every job is idempotent: pulls re-read from the stored seq, the rules run
 * on claimed messages once, retention deletes what is older than the cutoff.
 */
@Processor(QueueName.ChatArchive)
export class ChatArchiveProcessor implements OnModuleInit {
  constructor(
    private readonly archive: ChatArchiveService,
    private readonly puller: ChatArchivePullerService,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.enqueue(
      JobName.SweepChatArchive,
      {},
      { repeat: { every: SWEEP_EVERY_MS }, jobId: 'chat-archive-sweep' },
    );
    await this.jobs.enqueue(
      JobName.EnforceChatRetention,
      {},
      { repeat: { every: RETENTION_EVERY_MS }, jobId: 'chat-archive-retention' },
    );
  }

  @Process({ name: JobName.PullChatArchive, concurrency: 2 })
  pull(job: Job<PullJobData>) {
    return this.context.run(job, () => this.puller.pull(job.data.corpId));
  }

  @Process({ name: JobName.ApplyChatRules, concurrency: 4 })
  apply(job: Job<{ corpId: string }>) {
    return this.context.run(job, async () => ({
      processed: await this.archive.processPending(job.data.corpId),
    }));
  }

  @Process(JobName.SweepChatArchive)
  sweep(job: Job) {
    return this.context.run(job, async () => {
      await this.puller.wakeAll();
      const corps = await this.archive.corpsWithPending();
      for (const corpId of corps) await this.archive.wakeRules(corpId);
      return { rulesWoken: corps.length };
    });
  }

  @Process(JobName.EnforceChatRetention)
  retention(job: Job) {
    return this.context.run(job, async () => ({ deleted: await this.archive.enforceRetention() }));
  }
}
