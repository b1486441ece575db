const DAY_MS = 86_400_000;

/**
 * The local dates (YYYY-MM-DD) of the last `n` days ending today, oldest first, in a time zone
 * `offsetMinutes` ahead of UTC, and the instant the first of them began.
 */
export function lastLocalDays(
  now: Date,
  offsetMinutes: number,
  n: number,
): { days: string[]; from: Date } {
  const today = Date.parse(
    new Date(now.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10),
  );
  const days = Array.from({ length: n }, (_, i) =>
    new Date(today - (n - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
  return { days, from: new Date(Date.parse(`${days[0]}T00:00:00Z`) - offsetMinutes * 60_000) };
}
