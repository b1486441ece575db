import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MachineRoute, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CorpQueryDto } from '../staff/dto/staff.dto';
import { ChatArchivePullerService } from './chat-archive-puller.service';
import { ChatArchiveService } from './chat-archive.service';
import {
  ChatArchiveSettingsDto,
  ChatHistoryPageDto,
  ChatHistoryQueryDto,
  CorpBodyDto,
  ExternalUserParamDto,
  IngestMessagesDto,
  IngestResultDto,
  IngestTokenDto,
  UpdateChatArchiveSettingsDto,
} from './dto/chat-archive.dto';
import { IngestRequest, IngestTokenGuard } from './ingest-token.guard';

/** The sidecar's batch endpoint (docs/chat-archive.md): one corp's ingest token, no session. */
@ApiTags('chat-archive')
@Controller('chat-archive')
export class ChatArchiveIngestController {
  constructor(private readonly archive: ChatArchiveService) {}

  @MachineRoute('chat-ingest-token')
  @UseGuards(IngestTokenGuard)
  @ApiBearerAuth()
  @Post('messages')
  @HttpCode(200)
  @ApiOkResponse({ type: IngestResultDto })
  @ApiBody({ type: IngestMessagesDto })
  ingest(@Req() req: IngestRequest, @Body() body: unknown): Promise<IngestResultDto> {
    // the body is checked by the service (IngestMessagesDto's rules, without the global
    // pipe's copy of 1,000 messages): `unknown` is not a class, so the pipe passes it through
    return this.archive.ingest(req.chatArchiveCorpId as string, body);
  }
}

/** Chat archive settings and a customer's chat history: admins only (messages are private). */
@ApiTags('chat-archive')
@ApiBearerAuth()
@RequireRole(Role.Admin)
@Controller('admin/chat-archive')
export class ChatArchiveAdminController {
  constructor(
    private readonly archive: ChatArchiveService,
    private readonly puller: ChatArchivePullerService,
  ) {}

  @Get('settings')
  @ApiOkResponse({ type: ChatArchiveSettingsDto })
  settings(@Query() q: CorpQueryDto): Promise<ChatArchiveSettingsDto> {
    return this.archive.settings(q.corpId);
  }

  @Put('settings')
  @ApiOkResponse({ type: ChatArchiveSettingsDto })
  update(@Body() dto: UpdateChatArchiveSettingsDto): Promise<ChatArchiveSettingsDto> {
    return this.archive.setRetention(dto.corpId, dto.retentionDays);
  }

  /** A new sidecar token (the previous one stops working); shown once. */
  @Post('ingest-token')
  rotateToken(@Body() dto: CorpBodyDto): Promise<IngestTokenDto> {
    return this.archive.rotateIngestToken(dto.corpId);
  }

  /** Pull from the archive now (sandbox / CHAT_ARCHIVE_PULL_ENABLED only). */
  @Post('pull')
  @HttpCode(202)
  async pull(@Body() dto: CorpBodyDto): Promise<{ enabled: boolean }> {
    await this.puller.wake(dto.corpId);
    return { enabled: this.puller.enabled };
  }

  @Get('customers/:externalUserId/messages')
  @ApiOkResponse({ type: ChatHistoryPageDto })
  history(
    @Param() p: ExternalUserParamDto,
    @Query() q: ChatHistoryQueryDto,
  ): Promise<ChatHistoryPageDto> {
    return this.archive.history(q.corpId, p.externalUserId, q);
  }
}
