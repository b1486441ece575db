import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import {
  BroadcastRunnerService,
  PollBroadcastJobData,
  RunBroadcastJobData,
} from '../broadcast-runner.service';
import { BroadcastsService } from '../broadcasts.service';

/** How often the sweeper looks for due broadcasts without a live job. */
export const BROADCAST_SWEEP_MS = 15_000;

@Processor(QueueName.Broadcasts)
export class BroadcastsProcessor implements OnModuleInit {
  constructor(
    private readonly runner: BroadcastRunnerService,
    private readonly broadcasts: BroadcastsService,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.enqueue(
      JobName.SweepBroadcasts,
      {},
      { repeat: { every: BROADCAST_SWEEP_MS }, jobId: 'broadcasts-sweep' },
    );
  }

  @Process({ name: JobName.RunBroadcast, concurrency: 4 })
  run(job: Job<RunBroadcastJobData>) {
    return this.context.run(job, () => this.runner.run(job.data));
  }

  @Process({ name: JobName.PollBroadcast, concurrency: 4 })
  poll(job: Job<PollBroadcastJobData>) {
    return this.context.run(job, () => this.runner.poll(job.data));
  }

  @Process(JobName.SweepBroadcasts)
  sweep(job: Job) {
    return this.context.run(job, () => this.broadcasts.sweep(BROADCAST_SWEEP_MS));
  }
}
