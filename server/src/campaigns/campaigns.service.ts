import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppException } from '../common/app.exception';
import { MomentService } from '../moments/moment.service';
import {
  BROADCAST_CALENDAR,
  BroadcastCalendarSource,
  CalendarEntry,
  localDay,
  phaseOf,
} from './calendar-entry';
import { CalendarEntryDto, ClashResponseDto, DEFAULT_TZ_OFFSET_MINUTES } from './dto/campaign.dto';

const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS = 62;

/**
 * The campaign calendar: broadcasts (through the BROADCAST_CALENDAR port) and moments, by day,
 * coloured by phase; and the clash check the broadcast composer calls (one segment, two
 * campaigns, one day).
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly moments: MomentService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async calendar(
    corpId: string,
    from: Date,
    to: Date,
    tzOffsetMinutes = DEFAULT_TZ_OFFSET_MINUTES,
  ): Promise<CalendarEntryDto[]> {
    if (to.getTime() <= from.getTime())
      throw new AppException('CAMPAIGN_RANGE_INVALID', '结束时间必须晚于开始时间', 400, {
        to: ['结束时间必须晚于开始时间。'],
      });
    if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS)
      throw new AppException('CAMPAIGN_RANGE_INVALID', `日历一次最多 ${MAX_SPAN_DAYS} 天`, 400, {
        to: [`日历一次最多查询 ${MAX_SPAN_DAYS} 天。`],
      });
    const entries = await this.entries(corpId, from, to);
    return entries
      .map((e) => toDto(e, tzOffsetMinutes))
      .filter((e): e is CalendarEntryDto => e !== null)
      .sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
  }

  /** Campaigns that hit `segmentId` on the local day of `at` (not counting `excludeId`). */
  async clashes(
    corpId: string,
    segmentId: string,
    at: Date,
    excludeId?: string,
    tzOffsetMinutes = DEFAULT_TZ_OFFSET_MINUTES,
  ): Promise<ClashResponseDto> {
    const day = localDay(at, tzOffsetMinutes);
    const start = new Date(Date.parse(`${day}T00:00:00Z`) - tzOffsetMinutes * 60_000);
    const end = new Date(start.getTime() + DAY_MS);
    const entries = (await this.calendar(corpId, start, end, tzOffsetMinutes)).filter(
      (e) =>
        e.segmentId === segmentId &&
        e.day === day &&
        e.phase !== 'cancelled' &&
        e.phase !== 'failed' &&
        !(excludeId && e.id === excludeId && e.kind !== 'moment'),
    );
    return {
      clash: entries.length > 0,
      day,
      entries,
      warning: entries.length
        ? `这个分群在 ${day} 已有 ${entries.length} 个活动（${entries.map((e) => `「${e.title}」`).join('、')}），同一天再发一次，客户可能会被打扰，也可能超过企业微信的接收上限。`
        : null,
    };
  }

  private async entries(corpId: string, from: Date, to: Date): Promise<CalendarEntry[]> {
    const moments = (await this.moments.calendarItems(corpId, from, to)).map(
      (m): CalendarEntry => ({
        id: m.id,
        kind: 'moment',
        title: m.title,
        state: m.state,
        scheduledAt: m.scheduledAt,
        sentAt: m.sentAt,
        segmentId: null,
      }),
    );
    const source = this.broadcasts();
    const broadcasts = source ? await source.calendarEntries(corpId, from, to) : [];
    return [...moments, ...broadcasts];
  }

  /** The broadcasts module's source, when it is part of this app. */
  private broadcasts(): BroadcastCalendarSource | null {
    try {
      return this.moduleRef.get<BroadcastCalendarSource>(BROADCAST_CALENDAR, { strict: false });
    } catch {
      return null;
    }
  }
}

function toDto(e: CalendarEntry, tz: number): CalendarEntryDto | null {
  const at = e.sentAt ?? e.scheduledAt;
  if (!at) return null;
  const when = new Date(at);
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    state: e.state,
    phase: phaseOf(e.state),
    at: when.toISOString(),
    day: localDay(when, tz),
    scheduledAt: e.scheduledAt ? new Date(e.scheduledAt).toISOString() : null,
    sentAt: e.sentAt ? new Date(e.sentAt).toISOString() : null,
    segmentId: e.segmentId,
    link: e.kind === 'moment' ? `/moments/${e.id}` : `/broadcasts/${e.id}`,
  };
}
