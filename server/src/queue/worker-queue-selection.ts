import { getQueueToken } from '@nestjs/bull';
import { Logger, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bull';
import { AllConfig } from '../config/configuration';
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

export const WORKER_QUEUE_SELECTION = Symbol('WORKER_QUEUE_SELECTION');

const ALL_QUEUES = Object.values(QueueName);

/**
 * A worker consumes only the queues of WORKER_QUEUES: the others are paused locally (in this
 * process only; other workers keep consuming them). So `WORKER_QUEUES=welcome,callback-events`
 * runs a fast-lane worker that a full sync or a broadcast fan-out can never slow down.
 *
 * A factory provider, so the pause happens while the app is being built, before any processor
 * starts taking jobs (processors start in onModuleInit): a fast-lane worker that boots while a
 * full sync is waiting never picks it up.
 */
export const workerQueueSelectionProvider: Provider = {
  provide: WORKER_QUEUE_SELECTION,
  inject: [ConfigService, ...ALL_QUEUES.map((name) => getQueueToken(name))],
  useFactory: async (
    config: ConfigService<AllConfig, true>,
    ...queues: Queue[]
  ): Promise<QueueName[]> => {
    const consumed = selectQueues(config.get('queue.workerQueues', { infer: true }));
    await Promise.all(
      ALL_QUEUES.map((name, i) =>
        consumed.includes(name) ? undefined : queues[i].pause(true, true),
      ),
    );
    new Logger('WorkerQueueSelection').log({ queues: consumed }, 'worker consumes these queues');
    return consumed;
  },
};
