import type { TFunction } from 'i18next';
import { followUpStages } from '../../../../../shared/directory';
import type { DirectoryStats, StatsGroup } from '../../../../../shared/directory-stats';
import type { ChartOption } from '../../../components/charts/echarts-setup';

// echarts options for the township and bureau views, built from stats:directory. Groups are
// shown in the order main sends them; long names are shortened on the axis (the table below
// each chart has them whole).

const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
const legend = { top: 0, left: 0, itemWidth: 14, itemHeight: 10 };

const shortName = (g: StatsGroup, t: TFunction): string => {
  const name = g.name || (g.key ? g.key : t('directory.stats.unknown'));
  return name.length > 8 ? `${name.slice(0, 7)}…` : name;
};

function categoryAxis(groups: readonly StatsGroup[], t: TFunction) {
  return {
    type: 'category' as const,
    data: groups.map((g) => shortName(g, t)),
    // Township names are 3–6 characters: beyond six groups they no longer fit side by side.
    axisLabel: { interval: 0, rotate: groups.length > 6 ? 30 : 0 },
  };
}

/** 规上 / 规下 enterprises per group, stacked. */
export function scaleOption(stats: DirectoryStats, t: TFunction): ChartOption {
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: categoryAxis(stats.groups, t),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('directory.scale.above'), type: 'bar', stack: 'scale', data: stats.groups.map((g) => g.above) },
      { name: t('directory.scale.below'), type: 'bar', stack: 'scale', data: stats.groups.map((g) => g.below) },
    ],
  };
}

/** 入规纳统 candidates per group by follow-up stage, plus those flagged but not yet followed. */
export function stageOption(stats: DirectoryStats, t: TFunction): ChartOption {
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: categoryAxis(stats.groups, t),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      ...followUpStages.map((stage) => ({
        name: t(`directory.stages.${stage}`),
        type: 'bar' as const,
        stack: 'stage',
        data: stats.groups.map((g) => g.byStage[stage]),
      })),
      { name: t('directory.flags.near'), type: 'line' as const, data: stats.groups.map((g) => g.nearThreshold) },
      { name: t('directory.flags.growth'), type: 'line' as const, data: stats.groups.map((g) => g.growth) },
    ],
  };
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** 数出有据: the share of entered ledger figures backed by evidence, per group (percent). */
export function coverageOption(stats: DirectoryStats, t: TFunction): ChartOption {
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
    xAxis: categoryAxis(stats.groups, t),
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('directory.stats.coverageSeries'),
        type: 'bar',
        data: stats.groups.map((g) => share(g.backedFigures, g.filledFigures)),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
}

/** Ledger completeness by month: active enterprises with any ledger value that month (percent). */
export function completenessOption(stats: DirectoryStats, t: TFunction, language: string): ChartOption {
  const months = Array.from({ length: 12 }, (_, i) => (language === 'en' ? `M${i + 1}` : `${i + 1}月`));
  const top = [...stats.groups].sort((a, b) => b.active - a.active).slice(0, 6);
  return {
    grid,
    legend,
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
        name: shortName(g, t),
        type: 'line' as const,
        lineStyle: { width: 1 },
        symbolSize: 4,
        data: g.ledgerMonths.map((m) => share(m, g.active)),
      })),
    ],
  };
}
