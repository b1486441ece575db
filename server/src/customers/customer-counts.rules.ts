/**
 * The maintained customer counts (table customer_count, docs/audience.md "The counter"): every
 * customer of a corp falls in exactly one class, a bit mask of what the mirror holds for them
 * (a customer row; a relation per status the audience filter can ask for). The mirror's writers
 * move a customer from class to class in the same transaction as the rows that changed it; a
 * count is a sum over classes. Pure: shared by the customers module (writes, the dashboard) and
 * the audience module (the count of a filter without conditions).
 */
export const COUNT_BITS = {
  active: 1,
  deleted_by_customer: 2,
  deleted_by_staff: 4,
  /** The customer has a `customer` row (the audience reads customers, the dashboard relations). */
  row: 8,
} as const;

/** Class 0 is never written by a delta: its row (shard 0, n 0) marks a corp as counted. */
export const COUNTED_MARKER = 0;

/** Rows per class and corp that writers spread their deltas over (summed on read). */
export const COUNT_SHARDS = 16;

export type CountedStatus = 'active' | 'deleted_by_customer' | 'deleted_by_staff';

/** The bits of these relation statuses (transferred_out has none: no filter asks for it). */
export function statusBits(statuses: readonly string[]): number {
  let bits = 0;
  for (const s of statuses) bits |= COUNT_BITS[s as CountedStatus] ?? 0;
  return bits;
}

/** One customer's class from their row and their relations' statuses. */
export function classOf(hasRow: boolean, statuses: readonly string[]): number {
  return (hasRow ? COUNT_BITS.row : 0) | statusBits(statuses);
}

/** Per class, how many customers a write moved in (+) or out (−); zero deltas are left out. */
export function classDeltas(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): Map<number, number> {
  const out = new Map<number, number>();
  const bump = (mask: number, d: number) => {
    if (mask !== COUNTED_MARKER) out.set(mask, (out.get(mask) ?? 0) + d);
  };
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id) ?? COUNTED_MARKER;
    const a = after.get(id) ?? COUNTED_MARKER;
    if (a === b) continue;
    bump(b, -1);
    bump(a, 1);
  }
  for (const [mask, d] of out) if (d === 0) out.delete(mask);
  return out;
}

/** The counter of one corp per class (summed over shards): `classesFromRows` reads its rows. */
export const CLASSES_SQL =
  'SELECT mask, SUM(n) AS n FROM customer_count WHERE corp_id = ? GROUP BY mask';

/** CLASSES_SQL's rows as counts per class, or null when the corp was never counted. */
export function classesFromRows(
  rows: Array<{ mask: number | string; n: number | string }>,
): Map<number, number> | null {
  if (!rows.some((r) => Number(r.mask) === COUNTED_MARKER)) return null;
  return new Map(rows.map((r) => [Number(r.mask), Number(r.n)]));
}

/** Customers with at least one relation in `statuses` (and a customer row if `withRow`). */
export function countOf(
  classes: ReadonlyMap<number, number>,
  statuses: readonly string[],
  withRow: boolean,
): number {
  const bits = statusBits(statuses);
  let n = 0;
  for (const [mask, count] of classes) {
    if (!(mask & bits)) continue;
    if (withRow && !(mask & COUNT_BITS.row)) continue;
    n += count;
  }
  return n;
}
