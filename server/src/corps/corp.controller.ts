import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CorpService } from './corp.service';
import { CorpResponseDto, CreateCorpDto, UpdateCorpDto } from './dto/corp.dto';

/** Settings: the corps and their WeCom credentials (write only: secrets are never returned). */
@ApiTags('corps')
@ApiBearerAuth()
@Controller('admin/corps')
export class CorpController {
  constructor(private readonly corps: CorpService) {}

  @Get()
  list(): Promise<CorpResponseDto[]> {
    return this.corps.list();
  }

  @Get(':corpId')
  get(@Param('corpId') corpId: string): Promise<CorpResponseDto> {
    return this.corps.get(corpId);
  }

  @RequireRole(Role.Admin)
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
