import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JobQueueService, JobView } from '../queue/job-queue.service';
import { JobName, QueueName } from '../queue/queue-names';
import { SelfTestJobData, SelfTestResult } from './dto/jobs.dto';

/** Operations on the job pipeline: a worker self-test, the failed-job list and replay. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(private readonly jobs: JobQueueService) {}

  async startSelfTest(requestedBy: string, failAttempts = 0): Promise<JobView> {
    const job = await this.jobs.enqueue<SelfTestJobData>(JobName.SystemSelfTest, {
      requestedBy,
      failAttempts,
    });
    return this.jobs.get(QueueName.System, String(job.id));
  }

  getJob(queue: QueueName, id: string): Promise<JobView> {
    return this.jobs.get(queue, id);
  }

  list(
    queue: QueueName,
    state: 'failed' | 'waiting' | 'active' | 'delayed' | 'completed',
    limit: number,
  ) {
    return this.jobs.list(queue, [state], 0, limit - 1);
  }

  retry(queue: QueueName, id: string): Promise<JobView> {
    return this.jobs.retry(queue, id);
  }

  async counts() {
    const out: Record<string, unknown> = {};
    for (const queue of Object.values(QueueName)) out[queue] = await this.jobs.counts(queue);
    return out;
  }

  /** Runs in the worker: proves a separate process picked the job up, failing on purpose if asked. */
  runSelfTest(job: Job<SelfTestJobData>): SelfTestResult {
    const attempt = job.attemptsMade + 1;
    if (attempt <= job.data.failAttempts) {
      this.logger.warn({ jobId: job.id, attempt }, 'self-test attempt failing on purpose');
      throw new Error(`self-test: attempt ${attempt} failed on purpose`);
    }
    return {
      processedBy: { pid: process.pid, hostname: hostname() },
      attempt,
      finishedAt: new Date().toISOString(),
    };
  }
}
