import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CORP_ID, ROW_ID } from '../../common/validation/wecom-ids';
import { CalendarPhase } from '../calendar-entry';
import type { CampaignKind } from '../calendar-entry';

/** China Standard Time: the console's day boundary unless the request says otherwise. */
export const DEFAULT_TZ_OFFSET_MINUTES = 480;

class TzQueryDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @ApiPropertyOptional({ default: DEFAULT_TZ_OFFSET_MINUTES, description: 'minutes ahead of UTC' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-720)
  @Max(840)
  tzOffsetMinutes?: number;
}

export class CalendarQueryDto extends TzQueryDto {
  @ApiProperty({ type: String, format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'at most 62 days after from' })
  @Type(() => Date)
  @IsDate()
  to: Date;
}

export class ClashQueryDto extends TzQueryDto {
  @ApiProperty({ description: 'the saved segment the composer is about to use' })
  @Matches(ROW_ID, { message: 'segmentId must be a segment id' })
  segmentId: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'when it would go out' })
  @Type(() => Date)
  @IsDate()
  at: Date;

  @ApiPropertyOptional({ description: 'the broadcast being edited (not a clash with itself)' })
  @IsOptional()
  @Matches(ROW_ID)
  excludeId?: string;
}

export class CalendarEntryDto {
  @ApiProperty()
  id: string;
  @ApiProperty({ enum: ['broadcast', 'group_broadcast', 'moment'] })
  kind: CampaignKind;
  @ApiProperty()
  title: string;
  @ApiProperty({ description: 'the source’s own state' })
  state: string;
  @ApiProperty({ enum: CalendarPhase, description: 'the colour' })
  phase: CalendarPhase;
  @ApiProperty({ type: String, format: 'date-time', description: 'where it sits on the calendar' })
  at: string;
  @ApiProperty({ description: 'the local day (YYYY-MM-DD)' })
  day: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  scheduledAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  sentAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  segmentId: string | null;
  @ApiProperty({ description: 'the console page of the item' })
  link: string;
}

export class ClashResponseDto {
  @ApiProperty({ description: 'true when the segment already gets a campaign that day' })
  clash: boolean;
  @ApiProperty()
  day: string;
  @ApiProperty({ type: [CalendarEntryDto] })
  entries: CalendarEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'the warning to show, in Chinese' })
  warning: string | null;
}
