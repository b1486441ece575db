import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  RequireRole,
  SidebarIdentity,
  SidebarRoute,
  SidebarStaff,
} from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { SidebarThrottlerGuard } from '../sidebar/sidebar-throttler.guard';
import {
  QuickReplyCorpQueryDto,
  QuickReplyFolderBodyDto,
  QuickReplyFolderDto,
  QuickReplyIdParamDto,
  QuickReplyItemBodyDto,
  QuickReplyItemDto,
  QuickReplyItemsQueryDto,
  QuickReplyOrderDto,
  QuickReplySearchQueryDto,
  QuickReplySettingBodyDto,
  QuickReplySettingDto,
  QuickReplyUseDto,
  SidebarQuickRepliesDto,
} from './dto/quick-reply.dto';
import { QuickRepliesService } from './quick-replies.service';

/** Quick replies (话术库) in the admin console: managers and admins, within their corps. */
@ApiTags('quick-replies')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/quick-replies')
export class QuickRepliesController {
  constructor(private readonly quickReplies: QuickRepliesService) {}

  @Get('folders')
  @ApiOkResponse({ type: [QuickReplyFolderDto] })
  folders(@Query() { corpId }: QuickReplyCorpQueryDto): Promise<QuickReplyFolderDto[]> {
    return this.quickReplies.listFolders(corpId);
  }

  @Post('folders')
  @ApiCreatedResponse({ type: QuickReplyFolderDto })
  createFolder(@Body() dto: QuickReplyFolderBodyDto): Promise<QuickReplyFolderDto> {
    return this.quickReplies.createFolder(dto);
  }

  /** Every folder of the corp, in the new order. */
  @Put('folders/order')
  @ApiOkResponse({ type: [QuickReplyFolderDto] })
  reorderFolders(@Body() dto: QuickReplyOrderDto): Promise<QuickReplyFolderDto[]> {
    return this.quickReplies.reorderFolders(dto.corpId, dto.ids);
  }

  @Put('folders/:id')
  @ApiOkResponse({ type: QuickReplyFolderDto })
  updateFolder(
    @Param() { id }: QuickReplyIdParamDto,
    @Body() dto: QuickReplyFolderBodyDto,
  ): Promise<QuickReplyFolderDto> {
    return this.quickReplies.updateFolder(id, dto);
  }

  /** The folder and every item in it. */
  @Delete('folders/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted, with its items' })
  deleteFolder(
    @Param() { id }: QuickReplyIdParamDto,
    @Query() { corpId }: QuickReplyCorpQueryDto,
  ): Promise<void> {
    return this.quickReplies.deleteFolder(corpId, id);
  }

  /** Every item of the folder, in the new order. */
  @Put('folders/:id/items/order')
  @ApiOkResponse({ type: [QuickReplyItemDto] })
  reorderItems(
    @Param() { id }: QuickReplyIdParamDto,
    @Body() dto: QuickReplyOrderDto,
  ): Promise<QuickReplyItemDto[]> {
    return this.quickReplies.reorderItems(dto.corpId, id, dto.ids);
  }

  @Get('items')
  @ApiOkResponse({ type: [QuickReplyItemDto] })
  items(@Query() q: QuickReplyItemsQueryDto): Promise<QuickReplyItemDto[]> {
    return this.quickReplies.listItems(q.corpId, q.folderId);
  }

  @Post('items')
  @ApiCreatedResponse({ type: QuickReplyItemDto })
  createItem(@Body() dto: QuickReplyItemBodyDto): Promise<QuickReplyItemDto> {
    return this.quickReplies.createItem(dto);
  }

  /** Replaces the item (kind and content; a new folderId moves it there, last). */
  @Put('items/:id')
  @ApiOkResponse({ type: QuickReplyItemDto })
  updateItem(
    @Param() { id }: QuickReplyIdParamDto,
    @Body() dto: QuickReplyItemBodyDto,
  ): Promise<QuickReplyItemDto> {
    return this.quickReplies.updateItem(id, dto);
  }

  @Delete('items/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  deleteItem(
    @Param() { id }: QuickReplyIdParamDto,
    @Query() { corpId }: QuickReplyCorpQueryDto,
  ): Promise<void> {
    return this.quickReplies.deleteItem(corpId, id);
  }

  @Get('settings')
  @ApiOkResponse({ type: QuickReplySettingDto })
  settings(@Query() { corpId }: QuickReplyCorpQueryDto): Promise<QuickReplySettingDto> {
    return this.quickReplies.settings(corpId);
  }

  /** The mini-program appid the corp's cards may carry (null: none, no mini-program items). */
  @Put('settings')
  @ApiOkResponse({ type: QuickReplySettingDto })
  updateSettings(@Body() dto: QuickReplySettingBodyDto): Promise<QuickReplySettingDto> {
    return this.quickReplies.updateSettings(dto.corpId, dto.miniprogramAppId ?? null);
  }
}

/** The quick replies the signed-in guide may see, and using one in the current chat. */
@ApiTags('sidebar')
@ApiBearerAuth()
@SidebarRoute()
@UseGuards(SidebarThrottlerGuard)
@Controller('sidebar/quick-replies')
export class SidebarQuickRepliesController {
  constructor(private readonly quickReplies: QuickRepliesService) {}

  @Get()
  @ApiOkResponse({ type: SidebarQuickRepliesDto })
  list(
    @SidebarStaff() who: SidebarIdentity,
    @Query() { q }: QuickReplySearchQueryDto,
  ): Promise<SidebarQuickRepliesDto> {
    return this.quickReplies.forGuide(who, q || undefined);
  }

  /** The exact ww.sendChatMessage payload (an image's media_id fresh), and one use counted. */
  @Post('items/:id/use')
  @HttpCode(200)
  @ApiOkResponse({ type: QuickReplyUseDto })
  use(
    @SidebarStaff() who: SidebarIdentity,
    @Param() { id }: QuickReplyIdParamDto,
  ): Promise<QuickReplyUseDto> {
    return this.quickReplies.use(who, id);
  }
}
