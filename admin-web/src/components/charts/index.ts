import { defineAsyncComponent } from 'vue';

const loadChart = () => import('./base-chart.vue');

/** A chart (vue-echarts), loaded with ECharts only when a page shows one. */
export const BaseChart = defineAsyncComponent(loadChart);

/**
 * Starts loading ECharts' chunk before the page's data arrive (a page whose first screen has a
 * chart calls it when its route is entered), so the chart is drawn as soon as its numbers are.
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
  const valueAxis = { type: 'value' as const, minInterval: 1 };
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
