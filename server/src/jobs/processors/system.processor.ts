import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobName, QueueName } from '../../queue/queue-names';
import { SelfTestJobData, SelfTestResult } from '../dto/jobs.dto';
import { JobsService } from '../jobs.service';

@Processor(QueueName.System)
export class SystemProcessor {
  constructor(
    private readonly jobs: JobsService,
    private readonly context: JobContext,
  ) {}

  @Process(JobName.SystemSelfTest)
  selfTest(job: Job<SelfTestJobData>): SelfTestResult {
    return this.context.run(job, () => this.jobs.runSelfTest(job));
  }
}
