import dayjs from 'dayjs';
import type { CampaignsApi } from '#/api/campaigns';
import { dayEndIso, dayStartIso, displayTimeZone } from '#/utils/time';

export type CalendarMode = 'month' | 'week';

const FMT = 'YYYY-MM-DD';

/** Monday of the week of `day` (YYYY-MM-DD). */
export function weekStart(day: string): string {
  const d = dayjs(day, FMT);
  const offset = (d.day() + 6) % 7; // Monday = 0
  return d.subtract(offset, 'day').format(FMT);
}

/** The days the view shows: the month's weeks (Monday first), or the one week. */
export function visibleDays(mode: CalendarMode, anchor: string): { first: string; last: string } {
  if (mode === 'week') {
    const first = weekStart(anchor);
    return { first, last: dayjs(first).add(6, 'day').format(FMT) };
  }
  const monthStart = dayjs(anchor).startOf('month').format(FMT);
  const monthEnd = dayjs(anchor).endOf('month').format(FMT);
  const first = weekStart(monthStart);
  const last = dayjs(weekStart(monthEnd)).add(6, 'day').format(FMT);
  return { first, last };
}

/** The API range [from, to) of the view, in the corp's time zone. */
export function rangeOf(mode: CalendarMode, anchor: string): { from: string; to: string } {
  const { first, last } = visibleDays(mode, anchor);
  return { from: dayStartIso(first), to: dayEndIso(last) };
}

/** Moves the anchor a month or a week. */
export function shift(mode: CalendarMode, anchor: string, by: 1 | -1): string {
  return dayjs(anchor)
    .add(by, mode === 'week' ? 'week' : 'month')
    .format(FMT);
}

/** The corp time zone's offset from UTC in minutes (the server's day boundary). */
export function tzOffsetMinutes(at: Date = new Date()): number {
  return dayjs(at).tz(displayTimeZone.value).utcOffset();
}

export function byDay(entries: CampaignsApi.Entry[]): Map<string, CampaignsApi.Entry[]> {
  const out = new Map<string, CampaignsApi.Entry[]>();
  for (const e of entries) out.set(e.day, [...(out.get(e.day) ?? []), e]);
  return out;
}

/** Entries whose segment gets another live campaign the same day (the clash the composer warns of). */
export function clashingIds(entries: CampaignsApi.Entry[]): Set<string> {
  const groups = new Map<string, CampaignsApi.Entry[]>();
  for (const e of entries) {
    if (!e.segmentId || e.phase === 'cancelled' || e.phase === 'failed') continue;
    const key = `${e.day}|${e.segmentId}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const ids = new Set<string>();
  for (const list of groups.values())
    if (list.length > 1) for (const e of list) ids.add(`${e.kind}:${e.id}`);
  return ids;
}

/** One colour per phase (Element Plus' palette). */
export const PHASE_COLORS: Record<CampaignsApi.Phase, string> = {
  scheduled: 'var(--el-color-primary)',
  in_progress: 'var(--el-color-warning)',
  sent: 'var(--el-color-success)',
  failed: 'var(--el-color-danger)',
  cancelled: 'var(--el-color-info)',
};
