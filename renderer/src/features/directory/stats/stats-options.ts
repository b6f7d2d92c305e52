import type { TFunction } from 'i18next';
import { followUpStages } from '@shared/directory/directory';
import type { DirectoryStats, StatsGroup } from '@shared/directory/stats';
import { categoryBars } from '../../../components/charts/category-bars';
import type { ChartOption } from '../../../components/charts/echarts-setup';

// echarts options for the township and bureau views, built from stats:directory. Groups are
// categories (townships, industries): horizontal bars, one row per group in the order main
// sends them (components/charts/category-bars.ts). Only the months of the completeness chart
// are an order in time, drawn as lines.

export interface SizedOption {
  option: ChartOption;
  height: number;
}

const groupName = (g: StatsGroup, t: TFunction): string => g.name || (g.key ? g.key : t('directory.stats.unknown'));

/** 规上 / 规下 enterprises per group, stacked. */
export function scaleOption(stats: DirectoryStats, t: TFunction): SizedOption {
  const layout = categoryBars(stats.groups.map((g) => groupName(g, t)));
  return {
    height: layout.height,
    option: {
      ...layout.option,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      series: [
        { name: t('directory.scale.above'), type: 'bar', stack: 'scale', data: stats.groups.map((g) => g.above) },
        { name: t('directory.scale.below'), type: 'bar', stack: 'scale', data: stats.groups.map((g) => g.below) },
      ],
    },
  };
}

/**
 * 入规纳统 candidates per group by follow-up stage (stacked), and beside them the enterprises
 * flagged 准规模 and 成长型 as bars of their own: an enterprise can be both, so they are not stacked.
 */
export function stageOption(stats: DirectoryStats, t: TFunction): SizedOption {
  const layout = categoryBars(
    stats.groups.map((g) => groupName(g, t)),
    { barsPerRow: 3 },
  );
  return {
    height: layout.height,
    option: {
      ...layout.option,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      series: [
        ...followUpStages.map((stage) => ({
          name: t(`directory.stages.${stage}`),
          type: 'bar' as const,
          stack: 'stage',
          data: stats.groups.map((g) => g.byStage[stage]),
        })),
        { name: t('directory.flags.near'), type: 'bar' as const, data: stats.groups.map((g) => g.nearThreshold) },
        { name: t('directory.flags.growth'), type: 'bar' as const, data: stats.groups.map((g) => g.growth) },
      ],
    },
  };
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** 数出有据: the share of entered ledger figures backed by evidence, per group (percent). */
export function coverageOption(stats: DirectoryStats, t: TFunction): SizedOption {
  const layout = categoryBars(
    stats.groups.map((g) => groupName(g, t)),
    { valueAxis: { max: 100, minInterval: 0, axisLabel: { formatter: '{value}%' } } },
  );
  return {
    height: layout.height,
    option: {
      ...layout.option,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${String(v)}%` },
      series: [
        {
          name: t('directory.stats.coverageSeries'),
          type: 'bar',
          data: stats.groups.map((g) => share(g.backedFigures, g.filledFigures)),
          // Each value at the end of its own bar: one per row, so they cannot collide.
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    },
  };
}

/** Ledger completeness by month: active enterprises with any ledger value that month (percent). */
export function completenessOption(stats: DirectoryStats, t: TFunction, language: string): ChartOption {
  const months = Array.from({ length: 12 }, (_, i) => (language === 'en' ? `M${i + 1}` : `${i + 1}月`));
  const top = [...stats.groups].sort((a, b) => b.active - a.active).slice(0, 6);
  const short = (g: StatsGroup) => {
    const name = groupName(g, t);
    return name.length > 8 ? `${name.slice(0, 7)}…` : name;
  };
  return {
    // The legend (up to seven groups) wraps in English: under the plot it runs into nothing.
    grid: { left: 8, right: 16, top: 16, bottom: 56, containLabel: true },
    legend: { bottom: 0, left: 0, itemWidth: 14, itemHeight: 10 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('directory.stats.all'),
        type: 'line',
        lineStyle: { width: 3 },
        data: stats.totals.ledgerMonths.map((m) => share(m, stats.totals.active)),
      },
      ...top.map((g) => ({
        name: short(g),
        type: 'line' as const,
        lineStyle: { width: 1 },
        symbolSize: 4,
        data: g.ledgerMonths.map((m) => share(m, g.active)),
      })),
    ],
  };
}
