import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobName, QueueName } from '../../queue/queue-names';
import { ExportJobData, ExportService } from './export.service';

@Processor(QueueName.Audience)
export class AudienceProcessor {
  constructor(
    private readonly exports: ExportService,
    private readonly context: JobContext,
  ) {}

  /** Two at a time: each holds one batch in memory and one database connection at a time. */
  @Process({ name: JobName.ExportAudience, concurrency: 2 })
  export(job: Job<ExportJobData>) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.context.run(job, () => this.exports.run(job.data, finalAttempt));
  }
}
