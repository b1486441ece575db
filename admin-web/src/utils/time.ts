import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { ref } from 'vue';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The corp's time zone, in which every time is shown (the corp store sets it). */
export const displayTimeZone = ref(DEFAULT_TIME_ZONE);

/** dayjs's locale for the console's locale (`zh-CN` → `zh-cn`). */
export function setDateLocale(locale: string): void {
  dayjs.locale(locale.toLowerCase() === 'zh-cn' ? 'zh-cn' : 'en');
}

type TimeInput = string | number | Date | null | undefined;

function inZone(value: TimeInput) {
  if (value === null || value === undefined || value === '') return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.tz(displayTimeZone.value) : null;
}

/** `2026-12-01 14:05` in the corp's time zone; '—' when missing or unreadable. */
export function formatDateTime(value: TimeInput): string {
  return inZone(value)?.format('YYYY-MM-DD HH:mm') ?? '—';
}

/** `2026-12-01`. */
export function formatDate(value: TimeInput): string {
  return inZone(value)?.format('YYYY-MM-DD') ?? '—';
}

/** `12-01 14:05`: the timeline's short form. */
export function formatShortDateTime(value: TimeInput): string {
  return inZone(value)?.format('MM-DD HH:mm') ?? '—';
}

/** "3 分钟前" within a week of `now`, otherwise the full date and time. */
export function formatRelative(value: TimeInput, now: Date = new Date()): string {
  const time = inZone(value);
  if (!time) return '—';
  const ageMs = now.getTime() - time.valueOf();
  if (Math.abs(ageMs) < 7 * 24 * 3600_000) return time.from(dayjs(now));
  return time.format('YYYY-MM-DD HH:mm');
}

/** The calendar day (YYYY-MM-DD) of an instant in the corp's time zone. */
export function dayKey(value: TimeInput): string {
  return inZone(value)?.format('YYYY-MM-DD') ?? '';
}

/** The last `days` calendar days ending today, in the corp's time zone, oldest first. */
export function lastDays(days: number, now: Date = new Date()): string[] {
  const today = dayjs(now).tz(displayTimeZone.value).startOf('day');
  return Array.from({ length: days }, (_, i) =>
    today.subtract(days - 1 - i, 'day').format('YYYY-MM-DD'),
  );
}

/** Start of a day (YYYY-MM-DD) in the corp's time zone, as an ISO instant for the API. */
export function dayStartIso(day: string): string {
  return dayjs.tz(day, displayTimeZone.value).toISOString();
}

/** The instant just after the day ends, in the corp's time zone. */
export function dayEndIso(day: string): string {
  return dayjs.tz(day, displayTimeZone.value).add(1, 'day').toISOString();
}
