import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AllConfig } from '../config/configuration';
import { JobQueueService } from './job-queue.service';
import { QueueName } from './queue-names';

/** The queues of WORKER_QUEUES, or every queue when it is empty; throws on an unknown name. */
export function selectQueues(names: string[]): QueueName[] {
  const all = Object.values(QueueName) as string[];
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) {
    throw new Error(
      `WORKER_QUEUES names unknown queues: ${unknown.join(', ')} (known: ${all.join(', ')})`,
    );
  }
  return (names.length ? names : all) as QueueName[];
}

/**
 * A worker consumes only the queues of WORKER_QUEUES: the others are paused locally (in this
 * process only; other workers keep consuming them). So `WORKER_QUEUES=welcome,callback-events`
 * runs a fast-lane worker that a full sync or a broadcast fan-out can never slow down.
 */
@Injectable()
export class WorkerQueueSelection implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerQueueSelection.name);

  constructor(
    private readonly jobs: JobQueueService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const consumed = selectQueues(this.config.get('queue.workerQueues', { infer: true }));
    for (const queue of Object.values(QueueName)) {
      if (!consumed.includes(queue)) await this.jobs.queue(queue).pause(true, true);
    }
    this.logger.log({ queues: consumed }, 'worker consumes these queues');
  }
}
