import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobName, QueueName } from '../../queue/queue-names';
import { GroupRefreshJobData, GroupService } from '../group.service';

const GROUP_REFRESH_CONCURRENCY = 8;

@Processor(QueueName.Mirror)
export class GroupRefreshProcessor {
  constructor(
    private readonly groups: GroupService,
    private readonly context: JobContext,
  ) {}

  @Process({ name: JobName.RefreshGroupChat, concurrency: GROUP_REFRESH_CONCURRENCY })
  refresh(job: Job<GroupRefreshJobData>) {
    return this.context.run(job, () => this.groups.refreshFromEvent(job.data));
  }
}
