import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { StartSyncResponseDto, SyncCorpParamDto, SyncRunResponseDto } from './dto/sync.dto';
import { SyncService } from './sync.service';

/** Full sync of a corp from WeCom: start one, watch the runs. */
@ApiTags('sync')
@ApiBearerAuth()
@Controller('admin/sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @RequireRole(Role.Admin)
  @Post(':corpId')
  @HttpCode(202)
  start(@Param() p: SyncCorpParamDto): Promise<StartSyncResponseDto> {
    return this.sync.startFullSync(p.corpId, 'admin');
  }

  @RequireRole(Role.Viewer)
  @Get(':corpId')
  runs(@Param() p: SyncCorpParamDto): Promise<SyncRunResponseDto[]> {
    return this.sync.listRuns(p.corpId);
  }
}
