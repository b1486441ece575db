import type { GroupsApi } from '#/api/groups';

/** The member counts the list shows: customers and staff when the server counts them. */
export function memberCounts(group: GroupsApi.Group): {
  customers: number | null;
  staff: number | null;
} {
  return { customers: group.customerCount ?? null, staff: group.staffCount ?? null };
}

/** Joins and leaves per day (YYYY-MM-DD in the corp's time zone) over `days`. */
export function joinsAndLeaves(
  members: readonly GroupsApi.Member[],
  days: readonly string[],
  dayOf: (value: string | number) => string,
): { joins: number[]; leaves: number[] } {
  const joins = new Map<string, number>();
  const leaves = new Map<string, number>();
  for (const m of members) {
    if (m.joinTime) {
      const day = dayOf(m.joinTime * 1000);
      joins.set(day, (joins.get(day) ?? 0) + 1);
    }
    if (m.leftAt) {
      const day = dayOf(m.leftAt);
      leaves.set(day, (leaves.get(day) ?? 0) + 1);
    }
  }
  return { joins: days.map((d) => joins.get(d) ?? 0), leaves: days.map((d) => leaves.get(d) ?? 0) };
}
