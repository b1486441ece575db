import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CampaignsService } from './campaigns.service';
import {
  CalendarEntryDto,
  CalendarQueryDto,
  ClashQueryDto,
  ClashResponseDto,
} from './dto/campaign.dto';

/** The campaign calendar (broadcasts and moments) and the segment clash check. */
@ApiTags('campaigns')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get('calendar')
  calendar(@Query() q: CalendarQueryDto): Promise<CalendarEntryDto[]> {
    return this.campaigns.calendar(q.corpId, q.from, q.to, q.tzOffsetMinutes);
  }

  @Get('clashes')
  clashes(@Query() q: ClashQueryDto): Promise<ClashResponseDto> {
    return this.campaigns.clashes(q.corpId, q.segmentId, q.at, q.excludeId, q.tzOffsetMinutes);
  }
}
