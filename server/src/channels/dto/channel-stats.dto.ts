import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CorpQueryDto } from './channel.dto';

export class ChannelStatsQueryDto extends CorpQueryDto {
  @ApiPropertyOptional({ description: 'one channel (default: every channel of the corp)' })
  @IsOptional()
  @Matches(/^\d{1,20}$/)
  channelId?: string;

  @ApiPropertyOptional({ description: 'added at or after (default: 30 days ago)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'added before (default: now)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ enum: ['channel', 'staff'], default: 'channel' })
  @IsOptional()
  @IsIn(['channel', 'staff'])
  groupBy?: 'channel' | 'staff';

  @ApiPropertyOptional({ default: 'Asia/Shanghai', description: 'where days are cut' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;
}

/** One funnel row: a day × channel (× staff member when grouped by staff). */
export class FunnelRowDto {
  day: string;
  channelId: string;
  channelName: string;
  userId?: string;
  staffName?: string | null;
  /** WeCom does not report scans of a contact way: always null for now. */
  scans: number | null;
  adds: number;
  /** Still friends now. */
  active: number;
  kept1d: number;
  matured1d: number;
  kept7d: number;
  matured7d: number;
  kept30d: number;
  matured30d: number;
  deletedByCustomer: number;
  deletedByStaff: number;
}

export class FunnelResponseDto {
  from: string;
  to: string;
  timezone: string;
  groupBy: 'channel' | 'staff';
  rows: FunnelRowDto[];
  totals: Omit<FunnelRowDto, 'day' | 'channelId' | 'channelName' | 'userId' | 'staffName'>;
}
