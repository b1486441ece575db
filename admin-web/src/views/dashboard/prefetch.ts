import { getDashboardApi, type DashboardApi } from '#/api/dashboard';
import { useCorpStore } from '#/stores/corp';

let pending: { corpId: string; numbers: Promise<DashboardApi.Numbers | null> } | null = null;

/**
 * Asks for the dashboard's numbers as soon as the route is entered (the corp is known then), so
 * that they travel while the layout and the page are drawn instead of after.
 */
export function prefetchDashboard(): void {
  const corp = useCorpStore();
  if (!corp.corpId) return;
  pending = { corpId: corp.corpId, numbers: getDashboardApi(corp.corpId, corp.timeZone) };
  pending.numbers.catch(() => undefined); // the page reports it when it takes the answer
}

/** The numbers: the prefetched answer once (same corp), else a new request. */
export function dashboardNumbers(
  corpId: string,
  timeZone: string,
): Promise<DashboardApi.Numbers | null> {
  const prefetched = pending?.corpId === corpId ? pending.numbers : null;
  pending = null;
  return prefetched ?? getDashboardApi(corpId, timeZone);
}
