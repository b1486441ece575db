import { Injectable } from '@nestjs/common';
import { ChannelException } from '../channel.exception';
import type { FunnelRow } from '../../customers/follow-relation.repository';
import { CustomersService } from '../../customers/customers.service';
import { StaffService } from '../../staff/staff.service';
import { ChannelRepository } from '../channel.repository';
import { ChannelStatsQueryDto, FunnelResponseDto, FunnelRowDto } from '../dto/channel-stats.dto';
import { isValidTimezone, tzOffsetMinutes } from '../strategy/working-hours';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;
const COUNTS = [
  'adds',
  'active',
  'kept1d',
  'matured1d',
  'kept7d',
  'matured7d',
  'kept30d',
  'matured30d',
  'deletedByCustomer',
  'deletedByStaff',
] as const;

/**
 * The funnel per channel and per staff member by day: adds, still friends, kept after 1/7/30
 * days, deleted by the customer or by staff. Counted from the follow-relation mirror (one row
 * per staff × customer), so replayed events never count twice.
 */
@Injectable()
export class ChannelStatsService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly relations: CustomersService,
    private readonly staff: StaffService,
  ) {}

  async funnel(q: ChannelStatsQueryDto, now = new Date()): Promise<FunnelResponseDto> {
    const timezone = q.timezone ?? 'Asia/Shanghai';
    if (!isValidTimezone(timezone))
      throw ChannelException.invalid(`"${timezone}" is not a known time zone.`);
    const to = q.to ?? now;
    const from = q.from ?? new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw ChannelException.invalid('from must be before to.');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
      throw ChannelException.invalid(`The range is limited to ${MAX_RANGE_DAYS} days.`);
    if (q.channelId && !(await this.channels.findById(q.corpId, q.channelId)))
      throw ChannelException.notFound(q.channelId);
    const groupBy = q.groupBy ?? 'channel';
    const raw = await this.relations.funnel({
      corpId: q.corpId,
      channels: await this.channels.listStates(q.corpId, q.channelId),
      from,
      to,
      now,
      offsetMinutes: tzOffsetMinutes(to, timezone),
    });
    const names = new Map(
      (await this.channels.list(q.corpId, {})).map((c) => [String(c.id), c.name]),
    );
    const rows = new Map<string, FunnelRowDto>();
    for (const r of raw) {
      const key =
        groupBy === 'staff' ? `${r.day}|${r.channelId}|${r.userId}` : `${r.day}|${r.channelId}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          day: r.day,
          channelId: r.channelId,
          channelName: names.get(r.channelId) ?? '(deleted channel)',
          ...(groupBy === 'staff' ? { userId: r.userId } : {}),
          scans: null,
          ...zero(),
        };
        rows.set(key, row);
      }
      addInto(row, r);
    }
    const list = [...rows.values()];
    if (groupBy === 'staff') {
      const byId = await this.staff.names(q.corpId, [...new Set(list.map((r) => r.userId!))]);
      for (const r of list) r.staffName = byId.get(r.userId!) ?? null;
    }
    const totals = { scans: null, ...zero() };
    for (const r of list) for (const k of COUNTS) totals[k] += r[k];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      timezone,
      groupBy,
      rows: list,
      totals,
    };
  }

  /** The same rows as CSV (UTF-8 with a BOM, so Excel shows Chinese names). */
  async csv(q: ChannelStatsQueryDto, now = new Date()): Promise<string> {
    const f = await this.funnel(q, now);
    const staff = f.groupBy === 'staff';
    const header = [
      'day',
      'channel_id',
      'channel',
      ...(staff ? ['staff_userid', 'staff'] : []),
      'scans',
      'adds',
      'still_friends',
      'kept_1d',
      'matured_1d',
      'kept_7d',
      'matured_7d',
      'kept_30d',
      'matured_30d',
      'deleted_by_customer',
      'deleted_by_staff',
    ];
    const lines = [header.join(',')];
    for (const r of f.rows) {
      lines.push(
        [
          r.day,
          r.channelId,
          r.channelName,
          ...(staff ? [r.userId ?? '', r.staffName ?? ''] : []),
          r.scans ?? '',
          ...COUNTS.map((k) => r[k]),
        ]
          .map(csvCell)
          .join(','),
      );
    }
    return `\ufeff${lines.join('\r\n')}\r\n`;
  }
}

function zero() {
  return {
    adds: 0,
    active: 0,
    kept1d: 0,
    matured1d: 0,
    kept7d: 0,
    matured7d: 0,
    kept30d: 0,
    matured30d: 0,
    deletedByCustomer: 0,
    deletedByStaff: 0,
  };
}

function addInto(row: FunnelRowDto, r: FunnelRow): void {
  row.adds += r.adds;
  row.active += r.active;
  row.kept1d += r.kept1;
  row.matured1d += r.matured1;
  row.kept7d += r.kept7;
  row.matured7d += r.matured7;
  row.kept30d += r.kept30;
  row.matured30d += r.matured30;
  row.deletedByCustomer += r.deletedByCustomer;
  row.deletedByStaff += r.deletedByStaff;
}

/** A CSV cell: quoted when needed; a leading = + - @ is defused (spreadsheet formulas). */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
