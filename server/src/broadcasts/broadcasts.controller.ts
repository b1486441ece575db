import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { BroadcastsService } from './broadcasts.service';
import {
  BroadcastContentDto,
  BroadcastCorpQueryDto,
  BroadcastIdParamDto,
  CalendarQueryDto,
  CreateBroadcastDto,
  ListBroadcastsQueryDto,
  PersonalQueryDto,
  ReceiveLimitDto,
  RecipientsQueryDto,
  UpdateBroadcastDto,
} from './dto/broadcast.dto';

/** Broadcasts (客户群发 / 客户群群发) of the admin console: managers and admins of the corp. */
@ApiTags('broadcasts')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/broadcasts')
export class BroadcastsController {
  constructor(private readonly broadcasts: BroadcastsService) {}

  @Get()
  list(@Query() q: ListBroadcastsQueryDto) {
    return this.broadcasts.list(q);
  }

  @Post()
  create(@Body() dto: CreateBroadcastDto, @CurrentUser() user: AuthUser) {
    return this.broadcasts.create(dto, user?.username ?? null);
  }

  /** The composer's live preview: count, senders, receive limit, same-segment warning. */
  @Post('preview')
  @HttpCode(200)
  preview(@Body() dto: BroadcastContentDto) {
    return this.broadcasts.preview(dto);
  }

  @Get('calendar')
  calendar(@Query() q: CalendarQueryDto) {
    return this.broadcasts.calendarEntries(q.corpId, new Date(q.from), new Date(q.to));
  }

  /** Mass messages staff created themselves in WeCom (read-only). */
  @Get('personal')
  personal(@Query() q: PersonalQueryDto) {
    return this.broadcasts.personal(q.corpId, q.from, q.to);
  }

  @Get('settings')
  settings(@Query() { corpId }: BroadcastCorpQueryDto) {
    return this.broadcasts.settings(corpId);
  }

  @Put('settings')
  setSettings(@Body() dto: ReceiveLimitDto) {
    return this.broadcasts.setSettings(dto.corpId, dto.receiveLimit);
  }

  @Get(':id')
  get(@Param() { id }: BroadcastIdParamDto, @Query() { corpId }: BroadcastCorpQueryDto) {
    return this.broadcasts.get(corpId, id);
  }

  @Put(':id')
  update(@Param() { id }: BroadcastIdParamDto, @Body() dto: UpdateBroadcastDto) {
    return this.broadcasts.update(id, dto);
  }

  @Get(':id/results')
  results(@Param() { id }: BroadcastIdParamDto, @Query() { corpId }: BroadcastCorpQueryDto) {
    return this.broadcasts.results(corpId, id);
  }

  @Post(':id/results/refresh')
  @HttpCode(200)
  refresh(@Param() { id }: BroadcastIdParamDto, @Query() { corpId }: BroadcastCorpQueryDto) {
    return this.broadcasts.refresh(corpId, id);
  }

  @Get(':id/recipients')
  recipients(@Param() { id }: BroadcastIdParamDto, @Query() q: RecipientsQueryDto) {
    return this.broadcasts.recipients(id, q);
  }

  @Post(':id/remind')
  @HttpCode(200)
  remind(@Param() { id }: BroadcastIdParamDto, @Query() { corpId }: BroadcastCorpQueryDto) {
    return this.broadcasts.remind(corpId, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param() { id }: BroadcastIdParamDto, @Query() { corpId }: BroadcastCorpQueryDto) {
    return this.broadcasts.cancel(corpId, id);
  }
}
