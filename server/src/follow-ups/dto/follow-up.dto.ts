import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import type { FollowUpKind, FollowUpRow } from '../follow-up.repository';

export const FOLLOW_UP_KINDS: readonly FollowUpKind[] = ['note', 'follow_up'];

export class CreateFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_KINDS, description: 'note: 备注; follow_up: 跟进记录' })
  @IsIn(FOLLOW_UP_KINDS)
  kind: FollowUpKind;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  content: string;

  @ApiPropertyOptional({
    description: 'The next follow-up: ISO 8601 date or date-time',
    example: '2026-12-08T10:00:00+08:00',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  nextFollowUpAt?: Date;
}

export class FollowUpParamsDto {
  @Matches(CORP_ID)
  corpId: string;

  @Matches(WECOM_ID)
  externalUserId: string;
}

export class FollowUpListQueryDto {
  @ApiPropertyOptional({ description: 'id of the last record of the previous page' })
  @IsOptional()
  @Matches(ROW_ID)
  beforeId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class FollowUpDto {
  id: string;
  externalUserId: string;
  userId: string;
  /** The staff member's name in the staff mirror. */
  staffName: string | null;
  @ApiProperty({ enum: FOLLOW_UP_KINDS })
  kind: FollowUpKind;
  content: string;
  nextFollowUpAt: string | null;
  createdAt: string;
}

export function toFollowUp(r: FollowUpRow, staffName: string | null): FollowUpDto {
  return {
    id: r.id,
    externalUserId: r.externalUserId,
    userId: r.userId,
    staffName,
    kind: r.kind,
    content: r.content,
    nextFollowUpAt: r.nextFollowUpAt ? new Date(r.nextFollowUpAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
