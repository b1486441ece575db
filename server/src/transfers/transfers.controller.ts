import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { DeparturesService } from './departures.service';
import {
  AuditEntryDto,
  CorpQueryDto,
  DepartureDto,
  ItemsQueryDto,
  PlanTransferDto,
  PreviewResponseDto,
  RetryTransferDto,
  SuccessorCountDto,
  TransferDetailDto,
  TransferIdParamDto,
  TransferSummaryDto,
} from './dto/transfer.dto';
import { TransferTrackingService } from './transfer-tracking.service';
import { TransfersService } from './transfers.service';

/** Inheritance (离职/在职继承) of the admin console: admins only, in their corps. */
@ApiTags('transfers')
@ApiExtraModels(SuccessorCountDto)
@ApiBearerAuth()
@RequireRole(Role.Admin)
@Controller('admin/transfers')
export class TransfersController {
  constructor(
    private readonly transfers: TransfersService,
    private readonly departures: DeparturesService,
    private readonly tracking: TransferTrackingService,
  ) {}

  @Get('departures')
  @ApiOkResponse({ type: [DepartureDto] })
  listDepartures(@Query() q: CorpQueryDto): Promise<DepartureDto[]> {
    return this.departures.list(q.corpId);
  }

  /** Reads WeCom's unassigned list now (the scheduled job does it every half hour). */
  @Post('departures/refresh')
  @ApiOkResponse({ type: [DepartureDto] })
  @HttpCode(200)
  async refreshDepartures(@Query() q: CorpQueryDto): Promise<DepartureDto[]> {
    await this.departures.readUnassigned(q.corpId);
    return this.departures.list(q.corpId);
  }

  @Post('preview')
  @ApiOkResponse({ type: PreviewResponseDto })
  @HttpCode(200)
  preview(@Body() dto: PlanTransferDto): Promise<PreviewResponseDto> {
    return this.transfers.preview(dto);
  }

  @Post()
  @ApiCreatedResponse({ type: TransferSummaryDto })
  start(@Body() dto: PlanTransferDto, @CurrentUser() user: AuthUser): Promise<TransferSummaryDto> {
    return this.transfers.start(dto, user.username);
  }

  @Get()
  @ApiOkResponse({ type: [TransferSummaryDto] })
  list(@Query() q: CorpQueryDto): Promise<TransferSummaryDto[]> {
    return this.transfers.list(q.corpId);
  }

  @Get('audit')
  @ApiOkResponse({ type: [AuditEntryDto] })
  audit(@Query() q: CorpQueryDto): Promise<AuditEntryDto[]> {
    return this.transfers.audit(q.corpId);
  }

  @Get(':id')
  @ApiOkResponse({ type: TransferDetailDto })
  get(@Param() p: TransferIdParamDto, @Query() q: ItemsQueryDto): Promise<TransferDetailDto> {
    return this.transfers.detail(q, p.id);
  }

  @Post(':id/retry')
  @ApiOkResponse({ type: TransferDetailDto })
  @HttpCode(200)
  retry(
    @Param() p: TransferIdParamDto,
    @Body() dto: RetryTransferDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TransferDetailDto> {
    return this.transfers.retry(p.id, dto, user.username);
  }

  /** Reads the transfer's results from WeCom now (the poller does it on its own schedule). */
  @Post(':id/poll')
  @ApiOkResponse({ type: TransferSummaryDto })
  @HttpCode(200)
  async poll(
    @Param() p: TransferIdParamDto,
    @Query() q: CorpQueryDto,
  ): Promise<TransferSummaryDto> {
    await this.transfers.summary(q.corpId, p.id);
    await this.tracking.poll(p.id);
    return this.transfers.summary(q.corpId, p.id);
  }
}
