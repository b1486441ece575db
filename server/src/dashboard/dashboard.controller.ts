import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { DashboardService } from './dashboard.service';
import { DashboardDto, DashboardQueryDto } from './dto/dashboard.dto';

/** The console's first page (shape: docs/dashboard.md). */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('admin/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @RequireRole(Role.Viewer)
  @Get()
  numbers(@Query() q: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.numbers(q.corpId, q.timeZone);
  }
}
