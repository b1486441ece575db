import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CorpQueryDto } from '../staff/dto/staff.dto';
import { ChatRuleBackApplyService } from './chat-rule-back-apply.service';
import { ChatRulesService } from './chat-rules.service';
import {
  BackApplyDto,
  BackApplyJobParamDto,
  BackApplyJobDto,
  ChatRuleDto,
  ChatRuleIdParamDto,
  CreateChatRuleDto,
  CustomerRuleMarkDto,
  CustomerRuleMarksQueryDto,
  DryRunDto,
  DryRunResultDto,
  SetEnabledDto,
  TestChatRuleDto,
  TestResultDto,
  UpdateChatRuleDto,
} from './dto/chat-rule.dto';

/**
 * Chat rules (会话关键词打标签): managers write them; the dry run shows archived messages, so it
 * is for admins only (like the chat history).
 */
@ApiTags('chat-rules')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/chat-rules')
export class ChatRulesController {
  constructor(
    private readonly rules: ChatRulesService,
    private readonly backApply: ChatRuleBackApplyService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ChatRuleDto] })
  list(@Query() q: CorpQueryDto): Promise<ChatRuleDto[]> {
    return this.rules.list(q.corpId);
  }

  @Post()
  create(@Body() dto: CreateChatRuleDto): Promise<ChatRuleDto> {
    const { corpId, ...body } = dto;
    return this.rules.create(corpId, body);
  }

  /** The editor's live test box (nothing is stored). */
  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({ type: TestResultDto })
  test(@Body() dto: TestChatRuleDto): TestResultDto {
    return this.rules.test(dto.rule, dto.text);
  }

  @RequireRole(Role.Admin)
  @Post('dry-run')
  @HttpCode(200)
  @ApiOkResponse({ type: DryRunResultDto })
  dryRun(@Body() dto: DryRunDto): Promise<DryRunResultDto> {
    return this.rules.dryRun(dto.corpId, dto);
  }

  /** A customer's chat-rule tags with their sentences (admins: the sentences are messages). */
  @RequireRole(Role.Admin)
  @Get('customer-marks')
  @ApiOkResponse({ type: [CustomerRuleMarkDto] })
  customerMarks(@Query() q: CustomerRuleMarksQueryDto): Promise<CustomerRuleMarkDto[]> {
    return this.rules.customerMarks(q.corpId, q.externalUserId);
  }

  @Get(':id')
  @ApiOkResponse({ type: ChatRuleDto })
  get(@Param() p: ChatRuleIdParamDto, @Query() q: CorpQueryDto): Promise<ChatRuleDto> {
    return this.rules.get(q.corpId, p.id);
  }

  @Put(':id')
  update(@Param() p: ChatRuleIdParamDto, @Body() dto: UpdateChatRuleDto): Promise<ChatRuleDto> {
    const { corpId, ...body } = dto;
    return this.rules.update(corpId, p.id, body);
  }

  @Put(':id/enabled')
  setEnabled(@Param() p: ChatRuleIdParamDto, @Body() dto: SetEnabledDto): Promise<ChatRuleDto> {
    return this.rules.setEnabled(dto.corpId, p.id, dto.enabled);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param() p: ChatRuleIdParamDto, @Query() q: CorpQueryDto): Promise<void> {
    return this.rules.remove(q.corpId, p.id);
  }

  @Post(':id/back-apply')
  @HttpCode(202)
  @ApiOkResponse({ type: BackApplyJobDto })
  startBackApply(
    @Param() p: ChatRuleIdParamDto,
    @Body() dto: BackApplyDto,
  ): Promise<BackApplyJobDto> {
    return this.backApply.start(dto.corpId, p.id);
  }

  @Get(':id/back-apply/:jobId')
  @ApiOkResponse({ type: BackApplyJobDto })
  backApplyStatus(
    @Param() p: BackApplyJobParamDto,
    @Query() q: CorpQueryDto,
  ): Promise<BackApplyJobDto> {
    return this.backApply.status(q.corpId, p.id, p.jobId);
  }
}
