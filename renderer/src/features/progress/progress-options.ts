import type { TFunction } from 'i18next';
import type { ProgressCounts, ProgressDay } from '@shared/progress/progress';
import { categoryBars } from '../../components/charts/category-bars';
import type { ChartOption } from '../../components/charts/echarts-setup';

// echarts options for the progress page: units by status per group (stacked horizontal bars,
// a row per group), and the daily trend of review steps with the running total of units
// submitted for the first time (days are an order in time: the running total is a line).

// The legend sits under the plot: above it, a legend that wraps (English names are longer)
// would run into the axis names of the trend chart.
const grid = { left: 8, right: 16, top: 32, bottom: 56, containLabel: true };
const legend = { bottom: 0, left: 0, itemWidth: 14, itemHeight: 10 };

/** The status series, in the order work moves; 'draft' includes 已完成 (typed, not yet submitted). */
export const statusSeries = ['notStarted', 'draft', 'submitted', 'returned', 'approved', 'accepted', 'notFound', 'outOfScope'] as const;
type StatusSeries = (typeof statusSeries)[number];

const seriesColor: Record<StatusSeries, string> = {
  notStarted: '#c3cbd5',
  draft: '#c58a00',
  submitted: '#1f5fa8',
  returned: '#b42318',
  approved: '#1d6b3a',
  accepted: '#0f4d2a',
  notFound: '#7d5ba6',
  outOfScope: '#8a8f98',
};

export function seriesValue(counts: ProgressCounts, s: StatusSeries): number {
  return s === 'draft' ? counts.draft + counts.completed : counts[s];
}

export interface ChartGroup {
  label: string;
  counts: ProgressCounts;
}

/** Units by status per group (stacked), one row per group (components/charts/category-bars.ts). */
export function statusOption(groups: readonly ChartGroup[], t: TFunction): { option: ChartOption; height: number } {
  const layout = categoryBars(groups.map((g) => g.label));
  return {
    height: layout.height,
    option: {
      ...layout.option,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      series: statusSeries.map((s) => ({
        name: t(`progress.series.${s}`),
        type: 'bar' as const,
        stack: 'status',
        itemStyle: { color: seriesColor[s] },
        data: groups.map((g) => seriesValue(g.counts, s)),
      })),
    },
  };
}

export function trendOption(days: readonly ProgressDay[], t: TFunction, language: string): ChartOption {
  let running = 0;
  const cumulative = days.map((d) => (running += d.firstSubmitted));
  const label = (date: string) => (language === 'en' ? date.slice(5) : `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`);
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map((d) => label(d.date)) },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('progress.trend.perDay') },
      { type: 'value', minInterval: 1, name: t('progress.trend.cumulative'), splitLine: { show: false } },
    ],
    series: [
      { name: t('progress.trend.submitted'), type: 'bar', itemStyle: { color: seriesColor.submitted }, data: days.map((d) => d.submitted) },
      { name: t('progress.trend.returned'), type: 'bar', itemStyle: { color: seriesColor.returned }, data: days.map((d) => d.returned) },
      { name: t('progress.trend.approved'), type: 'bar', itemStyle: { color: seriesColor.approved }, data: days.map((d) => d.approved) },
      { name: t('progress.trend.accepted'), type: 'bar', itemStyle: { color: seriesColor.accepted }, data: days.map((d) => d.accepted) },
      {
        name: t('progress.trend.firstSubmittedTotal'),
        type: 'line',
        yAxisIndex: 1,
        itemStyle: { color: '#e07b39' },
        lineStyle: { width: 3 },
        data: cumulative,
      },
    ],
  };
}
