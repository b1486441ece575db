import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsTimeZone, Matches } from 'class-validator';
import { CORP_ID } from '../../common/validation/wecom-ids';

export class DashboardQueryDto {
  @ApiProperty()
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @ApiPropertyOptional({ default: 'Asia/Shanghai', description: 'IANA time zone of the days' })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone, e.g. Asia/Shanghai' })
  timeZone?: string;
}

export class DashboardDayDto {
  /** Local date, e.g. 2026-12-01. */
  day: string;
  /** Follow relations added that day (a customer added by two staff counts twice). */
  added: number;
  /** Follow relations ended that day: deleted by the customer or by staff. */
  lost: number;
}

export class DashboardDto {
  corpId: string;
  timeZone: string;
  /** Customers with at least one active follow relation. */
  customers: { total: number };
  /** The last 30 days in the time zone, oldest first, today last. */
  daily: DashboardDayDto[];
  /** Adds through each channel over the same 30 days, most first. */
  byChannel: Array<{ channelId: string; channelName: string; adds: number }>;
  /** The 10 staff members with the most customers (active relations). */
  byStaff: Array<{ userId: string; name: string; customers: number }>;
  /** Callback events of the corp that failed for good (the event log's failed filter). */
  callbackEvents: { failed: number };
  /** The corp's latest full sync; null before the first. */
  lastSync: {
    id: string;
    status: string;
    phase: string;
    startedAt: string | null;
    finishedAt: string | null;
    error: string | null;
  } | null;
  generatedAt: string;
}
