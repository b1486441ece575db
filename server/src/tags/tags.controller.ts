import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CorpQueryDto } from '../staff/dto/staff.dto';
import { TagGroupResponseDto } from './dto/tag.dto';
import {
  AddTagsDto,
  CorpBodyDto,
  CreateTagGroupDto,
  DeleteTagsDto,
  EditTagDto,
  PushIdParamDto,
  ReorderDto,
  TagIdParamDto,
} from './dto/tag-ops.dto';
import { TagLibraryService } from './library/tag-library.service';
import { TagService } from './tag.service';

const actorOf = (user: AuthUser | undefined) => user?.username ?? null;

/**
 * The corp tag library: read by every role; changed by managers, console → WeCom (rules checked
 * first, a 400 naming the field; WeCom unreachable: kept in the push log, retryable).
 */
@ApiTags('tags')
@ApiBearerAuth()
@RequireRole(Role.Viewer)
@Controller('admin/tags')
export class TagsController {
  constructor(
    private readonly tags: TagService,
    private readonly library: TagLibraryService,
  ) {}

  @Get()
  list(@Query() q: CorpQueryDto): Promise<TagGroupResponseDto[]> {
    return this.tags.listGroupsWithTags(q.corpId);
  }

  /** Groups and tags with who made them, customers marked, and the push log. */
  @Get('library')
  view(@Query() q: CorpQueryDto) {
    return this.library.view(q.corpId);
  }

  @Post('groups')
  @RequireRole(Role.Manager)
  createGroup(@Body() dto: CreateTagGroupDto, @CurrentUser() user: AuthUser) {
    return this.library.createGroup(dto.corpId, dto, actorOf(user));
  }

  @Post('groups/:id/tags')
  @RequireRole(Role.Manager)
  addTags(@Param() { id }: TagIdParamDto, @Body() dto: AddTagsDto, @CurrentUser() user: AuthUser) {
    return this.library.addTags(dto.corpId, id, dto.tags, actorOf(user));
  }

  /** Rename and/or set the order of a tag or a group. */
  @Patch(':id')
  @RequireRole(Role.Manager)
  async edit(
    @Param() { id }: TagIdParamDto,
    @Body() dto: EditTagDto,
    @CurrentUser() user: AuthUser,
  ): Promise<{ ok: true }> {
    await this.library.edit(dto.corpId, id, { name: dto.name, order: dto.order }, actorOf(user));
    return { ok: true };
  }

  @Post('reorder')
  @HttpCode(200)
  @RequireRole(Role.Manager)
  reorder(@Body() dto: ReorderDto, @CurrentUser() user: AuthUser) {
    return this.library.reorder(dto.corpId, dto.ids, dto.groupId ?? null, actorOf(user));
  }

  @Post('delete')
  @HttpCode(200)
  @RequireRole(Role.Manager)
  remove(@Body() dto: DeleteTagsDto, @CurrentUser() user: AuthUser) {
    return this.library.remove(
      dto.corpId,
      { tagIds: dto.tagIds ?? [], groupIds: dto.groupIds ?? [] },
      actorOf(user),
    );
  }

  @Get('pushes')
  pushes(@Query() q: CorpQueryDto) {
    return this.library.listPushes(q.corpId);
  }

  @Post('pushes/:id/retry')
  @HttpCode(200)
  @RequireRole(Role.Manager)
  retry(@Param() { id }: PushIdParamDto, @Body() dto: CorpBodyDto) {
    return this.library.retryPush(dto.corpId, id);
  }

  /** Re-reads the library from WeCom now (the nightly sync and the callbacks do it otherwise). */
  @Post('sync')
  @HttpCode(200)
  @RequireRole(Role.Manager)
  sync(@Body() dto: CorpBodyDto) {
    return this.library.sync(dto.corpId);
  }
}
