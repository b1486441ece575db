import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
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

  @Get()
  list(@Query() q: ListCallbackEventsQueryDto): Promise<CallbackEventResponseDto[]> {
    return this.events.list({ ...q, limit: q.limit ?? 50 });
  }

  @Get('counts')
  counts(): Promise<Record<string, number>> {
    return this.events.counts();
  }

  @Get(':id')
  get(@Param() { id }: EventIdParamDto): Promise<CallbackEventResponseDto> {
    return this.events.get(id);
  }

  @Post(':id/replay')
  replayOne(@Param() { id }: EventIdParamDto): Promise<{ replayed: number }> {
    return this.events.replay({ ids: [id] });
  }

  @Post('replay')
  replay(@Body() dto: ReplayCallbackEventsDto): Promise<{ replayed: number }> {
    return this.events.replay(dto);
  }
}
