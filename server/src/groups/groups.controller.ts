import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import {
  GroupChatDetailDto,
  GroupChatParamsDto,
  GroupChatResponseDto,
  GroupDailyDto,
  GroupDailyQueryDto,
  ListGroupsQueryDto,
} from './dto/group.dto';
import { GroupService } from './group.service';

/** Customer groups (客户群) of the mirror, read-only. */
@ApiTags('groups')
@ApiBearerAuth()
@RequireRole(Role.Viewer)
@Controller('admin/groups')
export class GroupsController {
  constructor(private readonly groups: GroupService) {}

  @Get()
  list(@Query() q: ListGroupsQueryDto): Promise<GroupChatResponseDto[]> {
    return this.groups.list(q);
  }

  /** Joins and leaves per day (declared before :corpId/:chatId, which it would match). */
  @Get('stats/daily')
  daily(@Query() q: GroupDailyQueryDto): Promise<GroupDailyDto> {
    return this.groups.dailyMembers(q);
  }

  @Get(':corpId/:chatId')
  get(@Param() p: GroupChatParamsDto): Promise<GroupChatDetailDto> {
    return this.groups.get(p.corpId, p.chatId);
  }
}
