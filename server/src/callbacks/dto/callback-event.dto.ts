import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CallbackEventEntity, CallbackEventStatus } from '../entities/callback-event.entity';
import { CORP_ID, ROW_ID } from '../../common/validation/wecom-ids';

export class ListCallbackEventsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CORP_ID)
  corpId?: string;

  @ApiPropertyOptional({ example: 'change_external_contact' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  event?: string;

  @ApiPropertyOptional({ example: 'add_external_contact' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  changeType?: string;

  @ApiPropertyOptional({ enum: CallbackEventStatus })
  @IsOptional()
  @IsEnum(CallbackEventStatus)
  status?: CallbackEventStatus;

  @ApiPropertyOptional({ description: 'received at or after (ISO time)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'received before (ISO time)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ description: 'next page: the id of the last row of the previous page' })
  @IsOptional()
  @Matches(ROW_ID)
  beforeId?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ReplayCallbackEventsDto {
  @ApiPropertyOptional({ description: 'replay these events' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(ROW_ID, { each: true })
  ids?: string[];

  @ApiPropertyOptional({
    enum: [CallbackEventStatus.Failed, CallbackEventStatus.Skipped],
    description: 'or every event in this state',
  })
  @IsOptional()
  @IsEnum(CallbackEventStatus)
  status?: CallbackEventStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CORP_ID)
  corpId?: string;
}

export class EventIdParamDto {
  @Matches(ROW_ID, { message: 'id must be a number' })
  id: string;
}

export class CallbackEventResponseDto {
  id: string;
  corpId: string;
  event: string;
  changeType: string;
  createTime: string;
  status: CallbackEventStatus;
  attempts: number;
  lastError: string | null;
  /** A pending event whose last attempt failed: when the next attempt is due. */
  nextAttemptAt: string | null;
  payload: Record<string, unknown>;
  receivedAt: string;
  processedAt: string | null;
}

export function toCallbackEventResponse(e: CallbackEventEntity): CallbackEventResponseDto {
  return {
    id: String(e.id),
    corpId: e.corpId,
    event: e.event,
    changeType: e.changeType,
    createTime: new Date(e.createTime * 1000).toISOString(),
    status: e.status,
    attempts: e.attempts,
    lastError: e.lastError,
    nextAttemptAt:
      e.status === CallbackEventStatus.Pending && e.lastError && e.availableAt
        ? e.availableAt.toISOString()
        : null,
    payload: e.payload,
    receivedAt: e.receivedAt.toISOString(),
    processedAt: e.processedAt ? e.processedAt.toISOString() : null,
  };
}
