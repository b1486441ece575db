/**
 * Working hours per staff member, in their own time zone. Pure functions: no clock, no I/O.
 *
 * A window is a weekday set plus a start and an end time (`HH:mm`, 24 h). An end at or before the
 * start crosses midnight: `{ days: [5], start: '22:00', end: '06:00' }` is Friday 22:00 to Saturday
 * 06:00; the day that counts is the day the window starts. `end: '24:00'` means the end of the day.
 */
export interface WorkingWindow {
  /** ISO weekdays the window starts on: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** `HH:mm` */
  start: string;
  /** `HH:mm` (`24:00` allowed); at or before `start` = the next day. */
  end: string;
}

export interface WorkingHours {
  /** IANA time zone, e.g. `Asia/Shanghai`, `America/New_York`. */
  timezone: string;
  windows: WorkingWindow[];
}

const MINUTES_PER_DAY = 24 * 60;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** True when `timezone` is an IANA zone this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock at `at` in `timezone`: ISO weekday, minutes since midnight and the date. */
export function localTime(
  at: Date,
  timezone: string,
): { weekday: number; minutes: number; date: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(at)) parts[p.type] = p.value;
  return {
    weekday: WEEKDAYS[parts.weekday],
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

/** `YYYY-MM-DD` of `at` in `timezone`: the day a daily cap counts against. */
export function dayKey(at: Date, timezone: string): string {
  return localTime(at, timezone).date;
}

/** Minutes since midnight of `HH:mm`, or NaN when malformed. */
export function parseClock(value: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return NaN;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > MINUTES_PER_DAY ? NaN : minutes;
}

/** What is wrong with a working-hours value, in sentences ([] when it is fine). */
export function validateWorkingHours(hours: WorkingHours): string[] {
  const problems: string[] = [];
  if (!isValidTimezone(hours.timezone))
    problems.push(`"${hours.timezone}" is not a known time zone`);
  if (!Array.isArray(hours.windows) || hours.windows.length === 0)
    problems.push('working hours need at least one window');
  for (const w of hours.windows ?? []) {
    if (!w.days?.length || w.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
      problems.push('window days must be 1 (Monday) to 7 (Sunday)');
    if (Number.isNaN(parseClock(w.start)) || parseClock(w.start) >= MINUTES_PER_DAY)
      problems.push(`window start "${w.start}" must be HH:mm between 00:00 and 23:59`);
    if (Number.isNaN(parseClock(w.end))) problems.push(`window end "${w.end}" must be HH:mm`);
  }
  return problems;
}

/**
 * Whether `at` falls inside one of the windows. No working hours (null) means always on.
 * A window crossing midnight is checked on the day it starts (before midnight) and on the
 * next day (after midnight).
 */
export function isWithinWorkingHours(hours: WorkingHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const { weekday, minutes } = localTime(at, hours.timezone);
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  for (const w of hours.windows) {
    const start = parseClock(w.start);
    const end = parseClock(w.end);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    if (end > start) {
      if (w.days.includes(weekday) && minutes >= start && minutes < end) return true;
    } else {
      // across midnight: [start, 24:00) on a listed day, [00:00, end) on the day after it
      if (w.days.includes(weekday) && minutes >= start) return true;
      if (w.days.includes(yesterday) && minutes < end) return true;
    }
  }
  return false;
}

/** Minutes east of UTC of `timezone` at `at` (Asia/Shanghai: 480). */
export function tzOffsetMinutes(at: Date, timezone: string): number {
  const { date, minutes } = localTime(at, timezone);
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const exact = Math.floor(at.getTime() / 60_000) * 60_000;
  return Math.round((wall - exact) / 60_000);
}
