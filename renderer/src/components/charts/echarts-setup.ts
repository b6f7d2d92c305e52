// The one place echarts is configured. Only what our views draw is registered (bar, line and
// pie over a grid with tooltip, legend and the aria description) so the bundle carries no
// maps, 3D or SVG renderer. The canvas renderer draws everything into <canvas>; nothing here
// injects a <style> element or evaluates strings, which the strict CSP would refuse.
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type DatasetComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { use as registerParts, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerParts([BarChart, LineChart, PieChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | AriaComponentOption
  | DatasetComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** Series colours in the app's calm blue-grey palette, distinguishable in greyscale print. */
export const chartPalette = ['#1f5fa8', '#c58a00', '#1d6b3a', '#7d5ba6', '#b42318', '#2f9fb0', '#52606f', '#e07b39'];

export { init, type ECharts } from 'echarts/core';
