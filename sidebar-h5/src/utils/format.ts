/**
 * Every time is shown in the corp's time zone (as in the console), not the phone's: a guide on a
 * trip abroad still reads the shop's hours. Asia/Shanghai until `/me` has said the corp's.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

let parts = formatterFor(DEFAULT_TIME_ZONE);

/** The corp's time zone from `/me`; an unknown zone keeps the default. */
export function setCorpTimeZone(timeZone: string | null | undefined): void {
  try {
    parts = formatterFor(timeZone || DEFAULT_TIME_ZONE);
  } catch {
    parts = formatterFor(DEFAULT_TIME_ZONE);
  }
}

/** The wall-clock fields of an instant in the corp's time zone. */
function wallClock(
  d: Date,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of parts.formatToParts(d))
    if (p.type in out) out[p.type as keyof typeof out] = p.value;
  return out;
}

/** Dates as the guide reads them: `YYYY-MM-DD HH:mm` in the corp's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const w = wallClock(d);
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}`;
}

export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** Today's date (`YYYY-MM-DD`) in the corp's time zone. */
export function todayInCorp(now: Date = new Date()): string {
  return formatDate(now.toISOString());
}

/**
 * The instant a wall-clock time of a day (`YYYY-MM-DD`, `HH:mm`) is in the corp's time zone, as
 * ISO: the zone's offset at that moment is read from Intl, so it also holds for zones with
 * daylight saving time.
 */
export function corpTimeIso(day: string, time = '09:00'): string {
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  const w = wallClock(new Date(asUtc));
  const shownAsUtc = Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
  return new Date(asUtc - (shownAsUtc - asUtc)).toISOString();
}

/** Up to two characters for an avatar that does not load. */
export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  return /^[\u4e00-\u9fff]/.test(trimmed)
    ? trimmed.slice(-2)
    : trimmed
        .split(/\s+/)
        .map((w) => w[0])
        .join('')
        .slice(0, 2)
        .toUpperCase();
}

/** The sentence a chat-derived tag came from, wherever the rule put it in its evidence. */
export function evidenceSentence(evidence: Record<string, unknown> | null): string | null {
  if (!evidence) return null;
  for (const key of ['sentence', 'message', 'text', 'content', 'quote']) {
    const v = evidence[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}
