// ECharts on demand: only the chart types and components the console draws (the full
// package is ~1 MB). Imported by the chart components only, which pages load lazily.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// line and bar only (no pie, dataset or title: nothing draws them; each is bytes to evaluate)
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
