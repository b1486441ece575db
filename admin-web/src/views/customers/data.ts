import type { CustomersApi } from '#/api/customers';

export const PAGE_SIZE = 50;

/** How many timeline entries the detail panel shows. */
export const TIMELINE_LIMIT = 20;

/** Follows with a staff label: "Name (remark)". */
export function followLabel(follow: CustomersApi.FollowSummary): string {
  const staff = follow.staffName || follow.userId;
  return follow.remark ? `${staff} (${follow.remark})` : staff;
}

/** The channel states a customer came through, without repeats. */
export function channelStates(customer: CustomersApi.CustomerSummary): string {
  const states = [
    ...new Set((customer.follows ?? []).map((f) => f.state).filter((s): s is string => !!s)),
  ];
  return states.length ? states.join(', ') : '—';
}

/** Tags of the detail: top-level ones if sent, else those marked on each follow relation. */
export function detailTags(detail: CustomersApi.Detail): Array<{ key: string; name: string }> {
  const marks = detail.tags ?? (detail.follows ?? []).flatMap((f) => f.tags ?? []);
  const seen = new Map<string, string>();
  for (const mark of marks) {
    if (!seen.has(mark.tagId)) seen.set(mark.tagId, mark.tagName || mark.tagId);
  }
  return [...seen].map(([key, name]) => ({ key, name }));
}
