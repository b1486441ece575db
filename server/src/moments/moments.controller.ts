import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import {
  CreateMomentDto,
  ListMomentsQueryDto,
  MomentCorpQueryDto,
  MomentCustomersPageDto,
  MomentCustomersQueryDto,
  MomentIdParamDto,
  MomentResponseDto,
  MomentResultsDto,
  PersonalMomentsQueryDto,
  PersonalMomentView,
  UpdateMomentDto,
} from './dto/moment.dto';
import { MomentService } from './moment.service';

/** Moments (客户朋友圈) of the admin console: managers and admins, within their corps. */
@ApiTags('moments')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/moments')
export class MomentsController {
  constructor(private readonly moments: MomentService) {}

  @Get()
  list(@Query() q: ListMomentsQueryDto): Promise<MomentResponseDto[]> {
    return this.moments.list(q.corpId, q.state);
  }

  @Post()
  create(@Body() dto: CreateMomentDto, @CurrentUser() user: AuthUser): Promise<MomentResponseDto> {
    return this.moments.create(dto, user?.username ?? null);
  }

  /** Moments the members posted themselves in WeCom (read-only, read live). */
  @Get('personal')
  personal(@Query() q: PersonalMomentsQueryDto): Promise<PersonalMomentView[]> {
    return this.moments.personal(q.corpId, q.from, q.to, q.creator);
  }

  @Get(':id')
  get(
    @Param() { id }: MomentIdParamDto,
    @Query() { corpId }: MomentCorpQueryDto,
  ): Promise<MomentResponseDto> {
    return this.moments.detail(corpId, id);
  }

  @Patch(':id')
  update(
    @Param() { id }: MomentIdParamDto,
    @Query() { corpId }: MomentCorpQueryDto,
    @Body() dto: UpdateMomentDto,
  ): Promise<MomentResponseDto> {
    return this.moments.update(corpId, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @Param() { id }: MomentIdParamDto,
    @Query() { corpId }: MomentCorpQueryDto,
  ): Promise<MomentResponseDto> {
    return this.moments.cancel(corpId, id);
  }

  @Post(':id/refresh')
  @HttpCode(202)
  refresh(
    @Param() { id }: MomentIdParamDto,
    @Query() { corpId }: MomentCorpQueryDto,
  ): Promise<MomentResponseDto> {
    return this.moments.refresh(corpId, id);
  }

  @Get(':id/results')
  results(
    @Param() { id }: MomentIdParamDto,
    @Query() { corpId }: MomentCorpQueryDto,
  ): Promise<MomentResultsDto> {
    return this.moments.results(corpId, id);
  }

  @Get(':id/customers')
  customers(
    @Param() { id }: MomentIdParamDto,
    @Query() q: MomentCustomersQueryDto,
  ): Promise<MomentCustomersPageDto> {
    return this.moments.customers(q.corpId, id, q.userId, q.cursor);
  }
}
