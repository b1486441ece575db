import { getDashboardApi, type DashboardApi } from '#/api/dashboard';
import { dashboardKey, earlyOr } from '#/api/early';
import { useAuthStore } from '#/stores/auth';
import { useCorpStore } from '#/stores/corp';
import { DASHBOARD_CORP_KEY } from '#/stores/storage-keys';

let pending: { corpId: string; numbers: Promise<DashboardApi.Numbers | null> } | null = null;

/**
 * Asks for the dashboard's numbers as soon as the route is entered (the corp is known then), so
 * that they travel while the layout and the page are drawn instead of after.
 */
export function prefetchDashboard(): void {
  const corp = useCorpStore();
  if (!corp.corpId) return;
  const { corpId, timeZone } = corp;
  // index.html's inline script asks for the numbers of the corp shown last time (api/early.ts)
  const numbers = earlyOr(dashboardKey(corpId, timeZone), useAuthStore().accessToken, () =>
    getDashboardApi(corpId, timeZone),
  );
  pending = { corpId, numbers };
  try {
    localStorage.setItem(DASHBOARD_CORP_KEY, JSON.stringify({ corpId, timeZone }));
  } catch {
    // private mode: the next page load asks after the corps
  }
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
