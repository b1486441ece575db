import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AllConfig } from '../../config/configuration';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName, QueueName } from '../../queue/queue-names';
import { CallbackEventService } from '../callback-event.service';

/**
 * Drains running side by side in one worker process: while some batches wait for WeCom's reads,
 * others write (claims never overlap: SKIP LOCKED). Four kept 1,000 edits/s at about 2.4 s of lag
 * on the 2-core bench box; two gave 4 s, six 3.5 s (docs/benchmarks.md).
 */
const CALLBACK_DRAINERS = 4;

@Processor(QueueName.CallbackEvents)
export class CallbackEventsProcessor {
  constructor(
    private readonly events: CallbackEventService,
    private readonly context: JobContext,
  ) {}

  @Process({ name: JobName.DrainCallbackInbox, concurrency: CALLBACK_DRAINERS })
  drain(job: Job) {
    return this.context.run(job, () => this.events.drain());
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
      JobName.SweepCallbackInbox,
      {},
      {
        repeat: { every: this.config.get('queue.callbackSweepIntervalMs', { infer: true }) },
        jobId: 'sweep-callback-inbox',
      },
    );
  }

  @Process(JobName.SweepCallbackInbox)
  sweep(job: Job) {
    return this.context.run(job, () => this.events.sweep());
  }
}
