import { getQueueToken } from '@nestjs/bull';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobOptions, JobStatus, Queue } from 'bull';
import { JOB_QUEUE, JobName, QueueName } from './queue-names';

export interface JobView {
  id: string;
  queue: QueueName;
  name: string;
  state: string;
  attemptsMade: number;
  failedReason?: string;
  returnValue?: unknown;
  data: unknown;
  createdAt: string;
  finishedAt?: string;
}

/** Enqueues jobs by name (the queue follows from the job) and inspects or replays them. */
@Injectable()
export class JobQueueService {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** A deterministic `jobId` makes enqueueing idempotent: Bull ignores a second add. */
  async enqueue<T extends object>(
    job: JobName,
    data: T,
    options: JobOptions = {},
  ): Promise<Job<T>> {
    return this.queue(JOB_QUEUE[job]).add(job, data, options);
  }

  async get(queue: QueueName, id: string): Promise<JobView> {
    const job = await this.queue(queue).getJob(id);
    if (!job) throw new NotFoundException(`Job ${id} not found in queue ${queue}`);
    return this.view(queue, job);
  }

  /** The state first, then the job's hash: a job that finished in between shows its result. */
  private async freshState(queue: QueueName, job: Job): Promise<{ job: Job; state: string }> {
    const state = await job.getState();
    if (state !== 'completed' && state !== 'failed') return { job, state };
    return { job: (await this.queue(queue).getJob(job.id)) ?? job, state };
  }

  async list(queue: QueueName, states: JobStatus[], start = 0, end = 49): Promise<JobView[]> {
    const jobs = await this.queue(queue).getJobs(states, start, end);
    return Promise.all(jobs.filter(Boolean).map((j) => this.view(queue, j)));
  }

  /** Replays a failed job: attempts start over, with the same backoff. */
  async retry(queue: QueueName, id: string): Promise<JobView> {
    const job = await this.queue(queue).getJob(id);
    if (!job) throw new NotFoundException(`Job ${id} not found in queue ${queue}`);
    await job.retry();
    return this.view(queue, job);
  }

  async counts(queue: QueueName) {
    return this.queue(queue).getJobCounts();
  }

  private async view(queue: QueueName, stale: Job): Promise<JobView> {
    const { job, state } = await this.freshState(queue, stale);
    return {
      id: String(job.id),
      queue,
      name: job.name,
      state,
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason,
      returnValue: job.returnvalue ?? undefined,
      data: job.data,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
    };
  }
}
