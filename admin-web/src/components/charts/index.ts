import { defineAsyncComponent } from 'vue';

const loadChart = () => import('./base-chart.vue');

/** A chart (vue-echarts), loaded with ECharts only when a page shows one. */
export const BaseChart = defineAsyncComponent(loadChart);

/**
 * Starts loading ECharts' chunk (fetched and evaluated: ~190 KB gzipped) before a chart is
 * mounted, e.g. once a page's first screen is drawn (the dashboard does).
 */
export function preloadCharts(): void {
  void loadChart().catch(() => undefined);
}

export interface Series {
  name: string;
  data: number[];
  type?: 'line' | 'bar';
}

/** A line or bar chart over categories (days, channels, staff). */
export function seriesOption(categories: string[], series: Series[], horizontal = false) {
  const categoryAxis = { type: 'category' as const, data: categories };
  // counts: the axis starts at 0, whole numbers
  const valueAxis = { type: 'value' as const, min: 0, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' as const },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: {
      left: 48,
      right: 16,
      top: series.length > 1 ? 32 : 16,
      bottom: 32,
      containLabel: horizontal,
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: s.type ?? 'line',
      data: s.data,
      smooth: false,
      barMaxWidth: 24,
    })),
  };
}
