import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireInstallationRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { JobView } from '../queue/job-queue.service';
import { JobParamDto, ListJobsQueryDto, QueueParamDto, StartSelfTestDto } from './dto/jobs.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
/** Queues are the installation's: installation-wide admins only. */
@RequireInstallationRole(Role.Admin)
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get('counts')
  counts() {
    return this.jobs.counts();
  }

  /** Enqueue a self-test job that a worker process must pick up. */
  @Post('self-test')
  selfTest(@CurrentUser() user: AuthUser, @Body() dto: StartSelfTestDto): Promise<JobView> {
    return this.jobs.startSelfTest(user.username, dto.failAttempts);
  }

  @Get(':queue')
  list(@Param() { queue }: QueueParamDto, @Query() query: ListJobsQueryDto): Promise<JobView[]> {
    return this.jobs.list(queue, query.state ?? 'failed', query.limit ?? 50);
  }

  @Get(':queue/:id')
  get(@Param() { queue, id }: JobParamDto): Promise<JobView> {
    return this.jobs.getJob(queue, id);
  }

  /** Replay a failed job. */
  @Post(':queue/:id/retry')
  retry(@Param() { queue, id }: JobParamDto): Promise<JobView> {
    return this.jobs.retry(queue, id);
  }
}
