import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import { MomentChainJobData, MomentPublisher } from '../moment-publisher.service';
import type { PublishMomentJobData } from '../moment.service';

const SWEEP_EVERY_MS = 60_000;

@Processor(QueueName.Moments)
export class MomentsProcessor implements OnModuleInit {
  constructor(
    private readonly publisher: MomentPublisher,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
  ) {}

  /** One repeatable sweep per installation (Bull dedupes repeatable jobs by key). */
  async onModuleInit(): Promise<void> {
    await this.jobs.enqueue(
      JobName.SweepMoments,
      {},
      { repeat: { every: SWEEP_EVERY_MS }, jobId: 'moments-sweep' },
    );
  }

  @Process({ name: JobName.PublishMoment, concurrency: 4 })
  publish(job: Job<PublishMomentJobData>) {
    return this.context.run(job, () => this.publisher.publish(job.data));
  }

  @Process({ name: JobName.PollMomentTask, concurrency: 4 })
  poll(job: Job<MomentChainJobData>) {
    return this.context.run(job, () => this.publisher.pollTask(job.data));
  }

  @Process({ name: JobName.PullMomentResults, concurrency: 2 })
  pull(job: Job<MomentChainJobData>) {
    return this.context.run(job, () => this.publisher.pullResults(job.data));
  }

  @Process(JobName.SweepMoments)
  sweep(job: Job) {
    return this.context.run(job, () => this.publisher.sweep());
  }
}
