import { seriesOption } from '#/components/charts';
import type { DashboardApi } from '#/api/dashboard';

type Translate = (key: string) => string;

/**
 * The 30 days' added and lost customers: straight lines between the days (no smoothing: a
 * spline between 0 and 1 would dip below 0 and overshoot, drawing customers nobody added).
 */
export function dailyChartOption(daily: DashboardApi.Numbers['daily'], t: Translate) {
  return seriesOption(
    daily.map((d) => d.day.slice(5)),
    [
      { name: t('dashboard.added'), data: daily.map((d) => d.added) },
      { name: t('dashboard.lost'), data: daily.map((d) => d.lost) },
    ],
  );
}

/** Adds per channel over the 30 days, the top 10, as horizontal bars. */
export function channelChartOption(byChannel: DashboardApi.Numbers['byChannel'], t: Translate) {
  const rows = byChannel.slice(0, 10);
  return seriesOption(
    rows.map((r) => r.channelName),
    [{ name: t('dashboard.adds'), data: rows.map((r) => r.adds), type: 'bar' }],
    true,
  );
}
