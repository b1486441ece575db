import { createReadStream } from 'node:fs';
import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireRole } from '../../admin/auth/auth.decorators';
import { Role } from '../../admin/auth/role';
import { AudienceCorpParamDto } from '../dto/audience-filter.dto';
import {
  CreateExportDto,
  ExportParamsDto,
  ExportResponseDto,
  toExportResponse,
} from './export.dto';
import { ExportService } from './export.service';

/** CSV exports of an audience (customers' personal data: managers and admins). */
@ApiTags('audience')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/corps/:corpId/audience/exports')
export class ExportsController {
  constructor(private readonly exports: ExportService) {}

  /** Starts an export job; poll GET …/:id for its progress. */
  @Post()
  async create(
    @Param() p: AudienceCorpParamDto,
    @Body() body: CreateExportDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ExportResponseDto> {
    return toExportResponse(await this.exports.create(p.corpId, body.filter, user.username));
  }

  /** The corp's 20 latest exports. */
  @Get()
  async list(@Param() p: AudienceCorpParamDto): Promise<ExportResponseDto[]> {
    return (await this.exports.list(p.corpId)).map(toExportResponse);
  }

  @Get(':id')
  async get(@Param() p: ExportParamsDto): Promise<ExportResponseDto> {
    return toExportResponse(await this.exports.get(p.corpId, p.id));
  }

  /** The finished CSV (UTF-8 with BOM, for Excel); 409 while it is being written. */
  @Get(':id/file')
  @ApiProduces('text/csv')
  async file(@Param() p: ExportParamsDto): Promise<StreamableFile> {
    const { path, downloadName } = await this.exports.file(p.corpId, p.id);
    return new StreamableFile(createReadStream(path), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="export-${p.id}.csv"; filename*=UTF-8''${encodeURIComponent(downloadName)}`,
    });
  }
}
