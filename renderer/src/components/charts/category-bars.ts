import type { ChartOption } from './echarts-setup';

// Bars per group (township, industry, 普查小区, enumerator) laid out horizontally: one row per
// group with its name on the left, so names never run into each other however many groups
// there are or however long their names (English ones are longer), and the chart grows with
// the rows instead of squeezing them. Categories get bars, never a line: a line between two
// townships would suggest an order and a trend that are not there. The legend sits under the
// plot, where a legend that wraps onto a second line runs into nothing.

/** Height of one group's row: room for the bars side by side in it. */
const rowHeight = (barsPerRow: number): number => 14 + 10 * barsPerRow;
const LEGEND_AND_AXIS = 84;
const MIN_HEIGHT = 220;

export interface CategoryBarsLayout {
  option: Pick<ChartOption, 'grid' | 'legend' | 'xAxis' | 'yAxis'>;
  /** Pixels the chart needs to give every group its row. */
  height: number;
}

/**
 * Axes, grid and legend for horizontal bars over `labels` (in the order given, first at the
 * top). `barsPerRow`: bars drawn side by side in one row (a stack counts as one).
 */
export function categoryBars(labels: readonly string[], opts: { barsPerRow?: number; valueAxis?: Record<string, unknown> } = {}): CategoryBarsLayout {
  const bars = opts.barsPerRow ?? 1;
  return {
    option: {
      grid: { left: 8, right: 32, top: 8, bottom: 52, containLabel: true },
      legend: { bottom: 0, left: 0, itemWidth: 14, itemHeight: 10 },
      yAxis: {
        type: 'category',
        data: [...labels],
        inverse: true,
        axisTick: { show: false },
        // Names past 9em are cut with … (the table under each chart has them whole).
        axisLabel: { interval: 0, width: 126, overflow: 'truncate' },
      },
      xAxis: { type: 'value', minInterval: 1, ...opts.valueAxis },
    },
    height: Math.max(MIN_HEIGHT, labels.length * rowHeight(bars) + LEGEND_AND_AXIS),
  };
}
