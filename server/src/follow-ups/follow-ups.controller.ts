import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { FollowUpDto, FollowUpListQueryDto, FollowUpParamsDto } from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';

/** The console reads the notes and follow-up records guides wrote in the sidebar. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@RequireRole(Role.Viewer)
@Controller('admin/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get(':corpId/:externalUserId')
  list(@Param() p: FollowUpParamsDto, @Query() q: FollowUpListQueryDto): Promise<FollowUpDto[]> {
    return this.followUps.list(p.corpId, p.externalUserId, q.limit, q.beforeId);
  }
}
