import { useEffect, useRef } from 'react';
import type { Language } from '@shared/session/settings';
import { chartPalette, init, type ChartOption, type ECharts } from './echarts-setup';

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  language: Language;
  testId: string;
  /** Extra class, e.g. a height modifier; the base class sets a default height. */
  className?: string;
  /** Pixels, when the chart's content decides its height (a row per group: category-bars.ts). */
  height?: number;
}

const prefersReducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Our defaults under the caller's option. The tooltip is forced to rich text: echarts' HTML
 * tooltip writes `style="…"` attributes through innerHTML, which style-src 'self' refuses (a
 * CSP violation per hover); rich text is drawn on the canvas instead.
 */
function withDefaults(option: ChartOption, fontFamily: string, label: string): ChartOption {
  const tooltip = option.tooltip;
  return {
    color: chartPalette,
    animation: !prefersReducedMotion(),
    textStyle: { fontFamily, fontSize: 12, color: '#1b2430' },
    // The aria component writes the container's aria-label; give it ours, not a generated one.
    aria: { enabled: true, label: { description: label } },
    ...option,
    tooltip: Array.isArray(tooltip)
      ? tooltip.map((t) => ({ ...t, renderMode: 'richText' as const }))
      : { ...(tooltip ?? {}), renderMode: 'richText' as const },
  };
}

/**
 * A thin echarts wrapper: one instance per mounted element, resized with its box, replaced
 * (not merged) on each new option so removed series really disappear, disposed on unmount.
 */
export function Chart({ option, label, language, testId, className, height }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);

  // echarts' own strings (the aria description, "其他") follow the UI language; a language
  // change rebuilds the instance, which is cheap and rare.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, null, { renderer: 'canvas', locale: language === 'en' ? 'EN' : 'ZH' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [language]);

  useEffect(() => {
    const el = ref.current;
    const chart = chartRef.current;
    if (!el || !chart) return;
    chart.setOption(withDefaults(option, getComputedStyle(el).fontFamily, label), { notMerge: true });
  }, [option, label, language]);

  return (
    <div
      ref={ref}
      className={`chart${className ? ` ${className}` : ''}`}
      // Set through the DOM (CSSOM), which the CSP's style-src allows; no style attribute is parsed.
      style={height === undefined ? undefined : { height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
