import { Injectable } from '@nestjs/common';
import { CallbackEventService } from '../callbacks/callback-event.service';
import { ChannelStatsService } from '../channels/stats/channel-stats.service';
import { tzOffsetMinutes } from '../channels/strategy/working-hours';
import { lastLocalDays } from '../common/local-days';
import { CorpService } from '../corps/corp.service';
import { CustomerStatsService } from '../customers/customer-stats.service';
import { StaffService } from '../staff/staff.service';
import { SyncService } from '../sync/sync.service';
import { DashboardDto } from './dto/dashboard.dto';

export const DASHBOARD_DAYS = 30;
const TOP_STAFF = 10;

/**
 * The console's first page, in one answer: read through the owning modules' services
 * (customers, channels, staff, callbacks, sync), never their tables.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly corps: CorpService,
    private readonly customers: CustomerStatsService,
    private readonly channelStats: ChannelStatsService,
    private readonly staff: StaffService,
    private readonly callbacks: CallbackEventService,
    private readonly sync: SyncService,
  ) {}

  async numbers(
    corpId: string,
    timeZone = 'Asia/Shanghai',
    now = new Date(),
  ): Promise<DashboardDto> {
    await this.corps.get(corpId); // 404 for a corp that is not configured
    const offset = tzOffsetMinutes(now, timeZone);
    const { days, from } = lastLocalDays(now, offset, DASHBOARD_DAYS);
    const [total, perDay, funnel, top, failed, runs] = await Promise.all([
      this.customers.activeCustomers(corpId),
      this.customers.addedAndLostPerDay(corpId, from, offset),
      this.channelStats.funnel({ corpId, from, to: now, timezone: timeZone }, now),
      this.customers.topStaff(corpId, TOP_STAFF),
      this.callbacks.countFailed(corpId),
      this.sync.listRuns(corpId, 1),
    ]);
    const added = new Map(perDay.added.map((d) => [d.day, d.n]));
    const lost = new Map(perDay.lost.map((d) => [d.day, d.n]));
    const names = await this.staff.names(
      corpId,
      top.map((t) => t.userId),
    );
    const channels = new Map<string, { channelId: string; channelName: string; adds: number }>();
    for (const row of funnel.rows) {
      const c = channels.get(row.channelId) ?? {
        channelId: row.channelId,
        channelName: row.channelName,
        adds: 0,
      };
      c.adds += row.adds;
      channels.set(row.channelId, c);
    }
    const [run] = runs;
    return {
      corpId,
      timeZone,
      customers: { total },
      daily: days.map((day) => ({ day, added: added.get(day) ?? 0, lost: lost.get(day) ?? 0 })),
      byChannel: [...channels.values()].filter((c) => c.adds > 0).sort((a, b) => b.adds - a.adds),
      byStaff: top.map((t) => ({
        userId: t.userId,
        name: names.get(t.userId) ?? t.userId,
        customers: t.n,
      })),
      callbackEvents: { failed },
      lastSync: run
        ? {
            id: run.id,
            status: run.status,
            phase: run.phase,
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            error: run.error,
          }
        : null,
      generatedAt: now.toISOString(),
    };
  }
}
