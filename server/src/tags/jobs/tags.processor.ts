import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import { RunTagJobData, TagJobService } from './tag-job.service';

const KEEPER_EVERY_MS = 5 * 60_000;

/** The tags queue: bulk tag jobs and imports, one chunk at a time (resumable). */
@Processor(QueueName.Tags)
export class TagsProcessor implements OnModuleInit {
  constructor(
    private readonly tagJobs: TagJobService,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.enqueue(
      JobName.ResumeTagJobs,
      {},
      { repeat: { every: KEEPER_EVERY_MS }, jobId: 'tag-jobs-keeper' },
    );
  }

  /** Two at a time: each is paced by WeCom's rate limiter anyway. */
  @Process({ name: JobName.RunTagJob, concurrency: 2 })
  run(job: Job<RunTagJobData>) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.context.run(job, async () => {
      try {
        return await this.tagJobs.run(job.data);
      } catch (err) {
        if (finalAttempt) await this.tagJobs.fail(job.data, err as Error);
        throw err;
      }
    });
  }

  @Process(JobName.ResumeTagJobs)
  resume(job: Job) {
    return this.context.run(job, () => this.tagJobs.resumeUnfinished());
  }
}
