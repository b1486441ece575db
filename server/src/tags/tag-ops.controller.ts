import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AudienceFilter } from '../audience/audience-filter';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CorpQueryDto } from '../staff/dto/staff.dto';
import { CustomerTagsService } from './customer-tags.service';
import {
  ChangeCustomerTagsDto,
  CorpBodyDto,
  CustomerTagsParamDto,
  ImportMarksDto,
  PushIdParamDto,
  StartBulkJobDto,
} from './dto/tag-ops.dto';
import { TagJobService } from './jobs/tag-job.service';

/** Marks by hand on one customer, bulk jobs over a filtered set, CSV imports. */
@ApiTags('tags')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/tags')
export class TagOpsController {
  constructor(
    private readonly customerTags: CustomerTagsService,
    private readonly jobs: TagJobService,
  ) {}

  /** Adds/removes tags on one customer: one staff relation (`userId`) or all of them. */
  @Post('customers/:externalUserId')
  @HttpCode(200)
  changeCustomer(
    @Param() { externalUserId }: CustomerTagsParamDto,
    @Body() dto: ChangeCustomerTagsDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.customerTags.change(
      dto.corpId,
      externalUserId,
      { userId: dto.userId, addTagIds: dto.addTagIds, removeTagIds: dto.removeTagIds },
      { actor: user?.username ?? null, via: 'console' },
    );
  }

  @Post('jobs')
  startJob(@Body() dto: StartBulkJobDto, @CurrentUser() user: AuthUser) {
    return this.jobs.start(
      dto.corpId,
      {
        filter: dto.filter as AudienceFilter | undefined,
        externalUserIds: dto.externalUserIds,
        addTagIds: dto.addTagIds,
        removeTagIds: dto.removeTagIds,
      },
      user?.username ?? null,
    );
  }

  @Get('jobs')
  @RequireRole(Role.Viewer)
  listJobs(@Query() q: CorpQueryDto) {
    return this.jobs.list(q.corpId);
  }

  @Get('jobs/:id')
  @RequireRole(Role.Viewer)
  getJob(@Param() { id }: PushIdParamDto, @Query() q: CorpQueryDto) {
    return this.jobs.get(q.corpId, id);
  }

  @Post('jobs/:id/cancel')
  @HttpCode(200)
  cancelJob(@Param() { id }: PushIdParamDto, @Body() dto: CorpBodyDto) {
    return this.jobs.cancel(dto.corpId, id);
  }

  /** A CSV of marks: `dryRun: true` reports unknown tags and customers and writes nothing. */
  @Post('import')
  @HttpCode(200)
  importMarks(@Body() dto: ImportMarksDto, @CurrentUser() user: AuthUser) {
    return this.jobs.import(dto.corpId, dto, user?.username ?? null);
  }
}
