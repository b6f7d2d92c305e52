import type { ScaleBand, ScaleBands, ScaleMeasure } from '../packs/types';

// 单位规模 by 《统计上大中小微型企业划分办法(2017)》 as the pack's `scaleBands` table states it
// (shared/packs/data/scale-2017.json): '1' 大型, '2' 中型, '3' 小型, '4' 微型. A unit is of a size
// when it reaches every lower limit its industry's band lists for that size, else it drops a
// band. Pure; registered as the CEL function unitScale(industry, employees, revenue, assets)
// (shared/rules/expr.ts), where a blank figure arrives as NaN (Item.computeAllowBlank).

export const SCALE_LARGE = '1';
export const SCALE_MEDIUM = '2';
export const SCALE_SMALL = '3';
export const SCALE_MICRO = '4';

/** The band of a 4-digit industry code: a class (4 digits) wins over its division (2 digits);
 * the band without industries is the default. */
export function scaleBandOf(bands: ScaleBands, industryCode: string): ScaleBand | undefined {
  const code = industryCode.trim();
  let best: ScaleBand | undefined;
  let bestLength = -1;
  for (const band of bands.bands) {
    if (band.industries.length === 0 && bestLength < 0) {
      best = band;
      bestLength = 0;
    }
    for (const prefix of band.industries) {
      if (code.startsWith(prefix) && prefix.length > bestLength) {
        best = band;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/** The size code, or '' when the industry is blank or a figure its band needs is not a number. */
export function unitScale(bands: ScaleBands, industryCode: string, figures: Readonly<Record<ScaleMeasure, number>>): string {
  if (!/^\d{2,4}$/.test(industryCode.trim())) return '';
  const band = scaleBandOf(bands, industryCode);
  if (!band) return '';
  const values = band.measures.map((m) => figures[m]);
  if (values.some((v) => !Number.isFinite(v))) return '';
  const reaches = (limits: readonly number[]) => limits.every((limit, i) => (values[i] ?? 0) >= limit);
  if (reaches(band.large)) return SCALE_LARGE;
  if (reaches(band.medium)) return SCALE_MEDIUM;
  if (reaches(band.small)) return SCALE_SMALL;
  return SCALE_MICRO;
}
