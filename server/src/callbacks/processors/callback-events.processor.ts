import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AllConfig } from '../../config/configuration';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import { CallbackEventJobData } from '../callback-ingest.service';
import { CallbackEventService } from '../callback-event.service';

/** Concurrency per worker process for callback events (I/O bound: MariaDB and WeCom calls). */
const CALLBACK_CONCURRENCY = 16;

@Processor(QueueName.CallbackEvents)
export class CallbackEventsProcessor {
  constructor(
    private readonly events: CallbackEventService,
    private readonly context: JobContext,
  ) {}

  @Process({ name: JobName.ProcessCallbackEvent, concurrency: CALLBACK_CONCURRENCY })
  process(job: Job<CallbackEventJobData>) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.context.run(job, () => this.events.process(job.data.eventId, finalAttempt));
  }
}

@Processor(QueueName.System)
export class CallbackSweepProcessor implements OnModuleInit {
  constructor(
    private readonly events: CallbackEventService,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** One repeatable sweep per installation (Bull dedupes repeatable jobs by their key). */
  async onModuleInit(): Promise<void> {
    await this.jobs.enqueue(
      JobName.SweepPendingCallbackEvents,
      {},
      {
        repeat: { every: this.config.get('queue.callbackSweepIntervalMs', { infer: true }) },
        jobId: 'sweep-pending-callbacks',
      },
    );
  }

  @Process(JobName.SweepPendingCallbackEvents)
  sweep(job: Job) {
    return this.context.run(job, () => this.events.sweepPending());
  }
}
