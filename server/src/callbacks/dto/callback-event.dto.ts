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

export class ListCallbackEventsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{6,64}$/)
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
  @Matches(/^\d{1,20}$/)
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
  @Matches(/^\d{1,20}$/, { each: true })
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
  @Matches(/^[A-Za-z0-9_-]{6,64}$/)
  corpId?: string;
}

export class EventIdParamDto {
  @Matches(/^\d{1,20}$/, { message: 'id must be a number' })
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
    payload: e.payload,
    receivedAt: e.receivedAt.toISOString(),
    processedAt: e.processedAt ? e.processedAt.toISOString() : null,
  };
}
