import type { AudienceApi } from '#/api/segments';
import { dayEndIso, dayStartIso } from '#/utils/time';

/**
 * The builder's editable state (days as YYYY-MM-DD, empty lists for "any") and its mapping to
 * the API's filter: only the conditions set are sent, so an empty form is every current customer.
 */
export interface FilterForm {
  tags: Array<{ op: AudienceApi.TagOp; tagIds: string[] }>;
  staffUserIds: string[];
  channelIds: string[];
  added: [string, string] | null;
  genders: number[];
  customerTypes: number[];
  relationStatus: AudienceApi.RelationStatus[];
  groupChatIds: string[];
  inNoGroup: boolean;
  lastChat: [string, string] | null;
  search: string;
}

export const emptyForm = (): FilterForm => ({
  tags: [],
  staffUserIds: [],
  channelIds: [],
  added: null,
  genders: [],
  customerTypes: [],
  relationStatus: [],
  groupChatIds: [],
  inNoGroup: false,
  lastChat: null,
  search: '',
});

export function toFilter(f: FilterForm): AudienceApi.Filter {
  const out: AudienceApi.Filter = {};
  const tags = f.tags.filter((t) => t.tagIds.length);
  if (tags.length) out.tags = tags.map((t) => ({ op: t.op, tagIds: [...t.tagIds] }));
  if (f.staffUserIds.length) out.staffUserIds = [...f.staffUserIds];
  if (f.channelIds.length) out.channelIds = [...f.channelIds];
  if (f.added) {
    out.addedFrom = dayStartIso(f.added[0]);
    out.addedTo = dayEndIso(f.added[1]);
  }
  if (f.genders.length) out.genders = [...f.genders];
  if (f.customerTypes.length) out.customerTypes = [...f.customerTypes];
  if (f.relationStatus.length) out.relationStatus = [...f.relationStatus];
  if (f.inNoGroup) out.groups = { none: true };
  else if (f.groupChatIds.length) out.groups = { chatIds: [...f.groupChatIds] };
  if (f.lastChat) {
    out.lastChatFrom = dayStartIso(f.lastChat[0]);
    out.lastChatTo = dayEndIso(f.lastChat[1]);
  }
  if (f.search.trim()) out.search = f.search.trim();
  return out;
}

/** A saved filter back into the form (a segment picked); instants become their local days. */
export function fromFilter(
  filter: AudienceApi.Filter,
  toDay: (iso: string) => string,
  dayBefore: (iso: string) => string,
): FilterForm {
  const range = (from?: string, to?: string): [string, string] | null =>
    from && to ? [toDay(from), dayBefore(to)] : null;
  return {
    ...emptyForm(),
    tags: (filter.tags ?? []).map((t) => ({ op: t.op, tagIds: [...t.tagIds] })),
    staffUserIds: [...(filter.staffUserIds ?? [])],
    channelIds: [...(filter.channelIds ?? [])],
    added: range(filter.addedFrom, filter.addedTo),
    genders: [...(filter.genders ?? [])],
    customerTypes: [...(filter.customerTypes ?? [])],
    relationStatus: [...(filter.relationStatus ?? [])],
    groupChatIds: [...(filter.groups?.chatIds ?? [])],
    inNoGroup: Boolean(filter.groups?.none),
    lastChat: range(filter.lastChatFrom, filter.lastChatTo),
    search: filter.search ?? '',
  };
}
