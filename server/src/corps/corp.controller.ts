import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { inScope } from '../admin/auth/access';
import { CallerCorps, RequireInstallationRole, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CorpService } from './corp.service';
import { CorpResponseDto, CreateCorpDto, UpdateCorpDto } from './dto/corp.dto';

/** Settings: the corps and their WeCom credentials (write only: secrets are never returned). */
@ApiTags('corps')
@ApiBearerAuth()
@Controller('admin/corps')
export class CorpController {
  constructor(private readonly corps: CorpService) {}

  /** The caller's corps (every corp for an installation-wide account). */
  @RequireRole(Role.Viewer)
  @Get()
  async list(@CallerCorps() scope: string[] | undefined): Promise<CorpResponseDto[]> {
    return inScope(scope, await this.corps.list(), (c) => c.corpId);
  }

  @RequireRole(Role.Viewer)
  @Get(':corpId')
  get(@Param('corpId') corpId: string): Promise<CorpResponseDto> {
    return this.corps.get(corpId);
  }

  @RequireInstallationRole(Role.Admin)
  @Post()
  create(@Body() dto: CreateCorpDto): Promise<CorpResponseDto> {
    return this.corps.create(dto);
  }

  @RequireRole(Role.Admin)
  @Patch(':corpId')
  update(@Param('corpId') corpId: string, @Body() dto: UpdateCorpDto): Promise<CorpResponseDto> {
    return this.corps.update(corpId, dto);
  }
}
