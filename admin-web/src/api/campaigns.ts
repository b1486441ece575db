import { requestClient } from './request';

export namespace CampaignsApi {
  export type Kind = 'broadcast' | 'group_broadcast' | 'moment';
  export type Phase = 'scheduled' | 'in_progress' | 'sent' | 'failed' | 'cancelled';

  /** The server's CalendarEntryDto. */
  export interface Entry {
    id: string;
    kind: Kind;
    title: string;
    state: string;
    phase: Phase;
    at: string;
    /** The local day (YYYY-MM-DD). */
    day: string;
    scheduledAt: string | null;
    sentAt: string | null;
    segmentId: string | null;
    /** The console page of the item. */
    link: string;
  }

  export interface Clash {
    clash: boolean;
    day: string;
    entries: Entry[];
    warning: string | null;
  }
}

/** `GET /api/admin/campaigns/calendar`: broadcasts and moments in [from, to) (≤ 62 days). */
export async function getCalendarApi(
  corpId: string,
  from: string,
  to: string,
  tzOffsetMinutes: number,
): Promise<CampaignsApi.Entry[]> {
  const { data } = await requestClient.get<CampaignsApi.Entry[]>('/admin/campaigns/calendar', {
    params: { corpId, from, to, tzOffsetMinutes },
  });
  return data;
}

/** `GET /api/admin/campaigns/clashes`: campaigns hitting the segment on the day of `at`. */
export async function getClashesApi(
  corpId: string,
  segmentId: string,
  at: string,
  excludeId?: string,
): Promise<CampaignsApi.Clash> {
  const { data } = await requestClient.get<CampaignsApi.Clash>('/admin/campaigns/clashes', {
    params: { corpId, segmentId, at, ...(excludeId ? { excludeId } : {}) },
  });
  return data;
}
