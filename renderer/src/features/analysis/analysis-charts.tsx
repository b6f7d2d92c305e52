import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisLine } from '@shared/analysis/analysis';
import { indicatorDef } from '@shared/ledger/indicators';
import { formatIndicatorValue } from '@shared/ledger/indicator-values';
import type { Language } from '@shared/session/settings';
import { Chart } from '../../components/charts/chart';
import { categoryBars } from '../../components/charts/category-bars';
import type { ChartOption } from '../../components/charts/echarts-setup';

// Two charts for the chosen line: the townships' YTD growth beside their targets (bars: the
// townships are categories, not a sequence), and the month totals of this year against last
// year (lines over months). A township whose growth is not known (a month missing) has no bar.

const pct = (g: number | null): number | null => (g === null ? null : Math.round(g * 1000) / 10);

export function GrowthChart({ line, label, language }: { line: AnalysisLine; label: string; language: Language }) {
  const { t } = useTranslation();
  const option = useMemo<{ option: ChartOption; height: number }>(() => {
    const layout = categoryBars(
      line.townships.map((r) => r.name),
      { barsPerRow: 2, valueAxis: { minInterval: 0, axisLabel: { formatter: '{value}%' } } },
    );
    return {
      height: layout.height,
      option: {
        ...layout.option,
        tooltip: { trigger: 'axis' },
        series: [
          { type: 'bar', name: t('analysis.growth'), data: line.townships.map((r) => pct(r.all.ytdGrowth)), label: { show: true, position: 'right', formatter: '{c}%' } },
          { type: 'bar', name: t('analysis.targetSeries'), data: line.townships.map((r) => (r.targetTenths === null ? null : r.targetTenths / 10)) },
        ],
      },
    };
  }, [line, t]);
  return <Chart option={option.option} height={option.height} label={label} language={language} testId="ana-chart-growth" />;
}

export function TrendChart({ line, label, language }: { line: AnalysisLine; label: string; language: Language }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const def = indicatorDef(line.indicator);
    // A month some enterprise left out is drawn as a hollow triangle: its total is short.
    const shown = (v: number | null, isComplete: boolean) =>
      v === null ? null : isComplete ? Number(formatIndicatorValue(def, v)) : { value: Number(formatIndicatorValue(def, v)), symbol: 'triangle', symbolSize: 11 };
    return {
      grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
      legend: { bottom: 0, left: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: line.months.map((m) => (language === 'en' ? String(m.month) : `${m.month}月`)) },
      yAxis: { type: 'value', name: def.unit },
      series: [
        { type: 'line', name: t('analysis.thisYear'), data: line.months.map((m) => shown(m.value, m.isComplete)), connectNulls: false },
        { type: 'line', name: t('analysis.lastYear'), data: line.months.map((m) => shown(m.last, m.isLastComplete)), lineStyle: { type: 'dashed' } },
      ],
    };
  }, [line, t, language]);
  return <Chart option={option} label={label} language={language} testId="ana-chart-trend" />;
}
