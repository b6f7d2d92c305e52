import { useTranslation } from 'react-i18next';
import type { ProgressCounts } from '@shared/progress/progress';
import { useLanguage } from '../../app/store';
import { formatCount, formatShare } from '../../lib/format';

// One progress table (per 普查区, 普查小区 or enumerator): the units in the frame and added in
// the field, how many were visited, and where each stands. Rows with nothing visited yet
// (零数据) are marked so a meeting sees them first.

export interface ProgressRow {
  key: string;
  label: string;
  /** A second line under the label: the code, the enumerators, the areas. */
  sub: string;
  counts: ProgressCounts;
  isZero: boolean;
}

export const countColumns = [
  'frame',
  'added',
  'visited',
  'notStarted',
  'draft',
  'completed',
  'submitted',
  'returned',
  'approved',
  'accepted',
  'notFound',
  'outOfScope',
] as const satisfies readonly (keyof ProgressCounts)[];

interface Props {
  rows: readonly ProgressRow[];
  totals: ProgressCounts;
  caption: string;
  /** The first column's heading. */
  groupLabel: string;
  testId: string;
}

export function ProgressTable({ rows, totals, caption, groupLabel, testId }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatCount(v, language);
  return (
    <div className="table-scroll">
      <table className="data-table progress-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            {countColumns.map((c) => (
              <th key={c} scope="col" className="num">
                {t(`progress.columns.${c}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('progress.columns.visitedShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.isZero ? 'progress-row--zero' : undefined} data-testid={`${testId}-row-${r.key}`} data-zero={r.isZero}>
              <th scope="row">
                <span className="progress-table__label">{r.label}</span>
                {r.isZero ? (
                  <span className="zero-tag" data-testid="zero-data">
                    {t('progress.zeroData')}
                  </span>
                ) : null}
                {r.sub ? <span className="progress-table__sub">{r.sub}</span> : null}
              </th>
              {countColumns.map((c) => (
                <td key={c} className="num" data-col={c}>
                  {n(r.counts[c])}
                </td>
              ))}
              <td className="num">{formatShare(r.counts.visited, r.counts.total, language)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid={`${testId}-total`}>
            <th scope="row">{t('progress.total')}</th>
            {countColumns.map((c) => (
              <td key={c} className="num" data-col={c}>
                {n(totals[c])}
              </td>
            ))}
            <td className="num">{formatShare(totals.visited, totals.total, language)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
