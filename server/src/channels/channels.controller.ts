import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { ChannelService } from './channel.service';
import { ChannelStatsQueryDto, FunnelResponseDto } from './dto/channel-stats.dto';
import {
  ChannelIdParamDto,
  ChannelResponseDto,
  CorpQueryDto,
  CreateChannelDto,
  ListChannelsQueryDto,
  PoolPreviewDto,
  UpdateChannelDto,
} from './dto/channel.dto';
import { ChannelStatsService } from './stats/channel-stats.service';

/** Channel QR codes (渠道活码) of the admin console: managers and admins. */
@ApiTags('channels')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelService,
    private readonly stats: ChannelStatsService,
  ) {}

  @Get()
  list(@Query() q: ListChannelsQueryDto): Promise<ChannelResponseDto[]> {
    return this.channels.list(q.corpId, { folder: q.folder, q: q.q });
  }

  @Post()
  create(
    @Body() dto: CreateChannelDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ChannelResponseDto> {
    return this.channels.create(dto, user?.username ?? null);
  }

  @Get('stats')
  funnel(@Query() q: ChannelStatsQueryDto): Promise<FunnelResponseDto> {
    return this.stats.funnel(q);
  }

  @Get('stats.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="channel-funnel.csv"')
  funnelCsv(@Query() q: ChannelStatsQueryDto): Promise<string> {
    return this.stats.csv(q);
  }

  @Get(':id')
  get(
    @Param() { id }: ChannelIdParamDto,
    @Query() { corpId }: CorpQueryDto,
  ): Promise<ChannelResponseDto> {
    return this.channels.get(corpId, id);
  }

  @Patch(':id')
  update(
    @Param() { id }: ChannelIdParamDto,
    @Query() { corpId }: CorpQueryDto,
    @Body() dto: UpdateChannelDto,
  ): Promise<ChannelResponseDto> {
    return this.channels.update(corpId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param() { id }: ChannelIdParamDto, @Query() { corpId }: CorpQueryDto): Promise<void> {
    return this.channels.remove(corpId, id);
  }

  @Get(':id/pool')
  pool(
    @Param() { id }: ChannelIdParamDto,
    @Query() { corpId }: CorpQueryDto,
  ): Promise<PoolPreviewDto> {
    return this.channels.previewPool(corpId, id);
  }

  @Post(':id/pool/sync')
  @HttpCode(200)
  syncPool(
    @Param() { id }: ChannelIdParamDto,
    @Query() { corpId }: CorpQueryDto,
  ): Promise<ChannelResponseDto> {
    return this.channels.syncPool(corpId, id);
  }

  @Get(':id/stats')
  channelFunnel(
    @Param() { id }: ChannelIdParamDto,
    @Query() q: ChannelStatsQueryDto,
  ): Promise<FunnelResponseDto> {
    return this.stats.funnel({ ...q, channelId: id });
  }
}
