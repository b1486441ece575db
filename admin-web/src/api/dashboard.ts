import { requestClient } from './request';

export namespace DashboardApi {
  /**
   * `GET /api/admin/dashboard?corpId`: the numbers of the console's first page, from one query
   * set on the server (the browser test compares them with the database).
   */
  export interface Numbers {
    corpId: string;
    /** Customers with at least one active follow relation. */
    customers: { total: number };
    /** The last 30 days in the corp's time zone, oldest first. */
    daily: Array<{ day: string; added: number; lost: number }>;
    /** Adds per channel over the same 30 days, most first. */
    byChannel: Array<{ channelId: string; channelName: string; adds: number }>;
    /** Staff with the most customers (top 10). */
    byStaff: Array<{ userId: string; name: string; customers: number }>;
    callbackEvents: { failed: number };
    lastSync: {
      id?: string;
      status: string;
      /** The sync's phase (staff, customers, groups, tags…). */
      phase?: string;
      startedAt: string | null;
      finishedAt: string | null;
      error: string | null;
    } | null;
  }
}

/** The dashboard's numbers; null when this server does not have the endpoint yet (404). */
export async function getDashboardApi(
  corpId: string,
  timeZone: string,
): Promise<DashboardApi.Numbers | null> {
  const { data, status } = await requestClient.get<DashboardApi.Numbers>('/admin/dashboard', {
    params: { corpId, timeZone },
    validateStatus: (code) => code === 200 || code === 404,
  });
  return status === 404 ? null : data;
}
