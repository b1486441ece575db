import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireRole } from '../../admin/auth/auth.decorators';
import { Role } from '../../admin/auth/role';
import { AudienceCorpParamDto } from '../dto/audience-filter.dto';
import {
  CreateSegmentDto,
  SegmentParamsDto,
  SegmentResponseDto,
  toSegmentResponse,
  UpdateSegmentDto,
} from './segment.dto';
import { SegmentService } from './segment.service';

/** Segments (客户分群): viewers list them, managers and admins change and count them. */
@ApiTags('segments')
@ApiBearerAuth()
@Controller('admin/corps/:corpId/segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentService) {}

  @Get()
  @RequireRole(Role.Viewer)
  async list(@Param() p: AudienceCorpParamDto): Promise<SegmentResponseDto[]> {
    return (await this.segments.list(p.corpId)).map(toSegmentResponse);
  }

  @Get(':id')
  @RequireRole(Role.Viewer)
  async get(@Param() p: SegmentParamsDto): Promise<SegmentResponseDto> {
    return toSegmentResponse(await this.segments.get(p.corpId, p.id));
  }

  @Post()
  @RequireRole(Role.Manager)
  async create(
    @Param() p: AudienceCorpParamDto,
    @Body() body: CreateSegmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SegmentResponseDto> {
    return toSegmentResponse(await this.segments.create(p.corpId, body, user.username));
  }

  @Patch(':id')
  @RequireRole(Role.Manager)
  async update(
    @Param() p: SegmentParamsDto,
    @Body() body: UpdateSegmentDto,
  ): Promise<SegmentResponseDto> {
    return toSegmentResponse(await this.segments.update(p.corpId, p.id, body));
  }

  @Delete(':id')
  @RequireRole(Role.Manager)
  @HttpCode(204)
  async delete(@Param() p: SegmentParamsDto): Promise<void> {
    await this.segments.delete(p.corpId, p.id);
  }

  /** Counts the segment again (its count and countedAt). */
  @Post(':id/count')
  @RequireRole(Role.Manager)
  @HttpCode(200)
  async refreshCount(@Param() p: SegmentParamsDto): Promise<SegmentResponseDto> {
    return toSegmentResponse(await this.segments.refreshCount(p.corpId, p.id));
  }
}
