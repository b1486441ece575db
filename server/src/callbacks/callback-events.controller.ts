import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CallerCorps, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CallbackEventService } from './callback-event.service';
import {
  CallbackEventResponseDto,
  EventIdParamDto,
  ListCallbackEventsQueryDto,
  ReplayCallbackEventsDto,
} from './dto/callback-event.dto';

/** The callback event log of the admin console: inspect and replay. */
@ApiTags('callback events')
@ApiBearerAuth()
@RequireRole(Role.Admin)
@Controller('admin/callback-events')
export class CallbackEventsController {
  constructor(private readonly events: CallbackEventService) {}

  /** The caller's corps only (every corp for an installation-wide admin). */
  @Get()
  list(
    @Query() q: ListCallbackEventsQueryDto,
    @CallerCorps() corpIds: string[] | undefined,
  ): Promise<CallbackEventResponseDto[]> {
    return this.events.list({ ...q, corpIds, limit: q.limit ?? 50 });
  }

  @Get('counts')
  counts(@CallerCorps() corpIds: string[] | undefined): Promise<Record<string, number>> {
    return this.events.counts(corpIds);
  }

  @Get(':id')
  get(
    @Param() { id }: EventIdParamDto,
    @CallerCorps() corpIds: string[] | undefined,
  ): Promise<CallbackEventResponseDto> {
    return this.events.get(id, corpIds);
  }

  /** 404 for an id that does not exist (or is another corp's). */
  @Post(':id/replay')
  replayOne(
    @Param() { id }: EventIdParamDto,
    @CallerCorps() corpIds: string[] | undefined,
  ): Promise<{ replayed: number }> {
    return this.events.replay({ ids: [id] }, corpIds);
  }

  @Post('replay')
  replay(
    @Body() dto: ReplayCallbackEventsDto,
    @CallerCorps() corpIds: string[] | undefined,
  ): Promise<{ replayed: number }> {
    return this.events.replay(dto, corpIds);
  }
}
