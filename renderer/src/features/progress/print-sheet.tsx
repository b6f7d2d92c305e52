import { useTranslation } from 'react-i18next';
import type { ProgressReport } from '@shared/progress/progress';
import { useLanguage } from '../../app/store';
import { formatCount, formatDateTime, joinList } from '../../lib/format';
import { rowsFor, sumCounts } from './progress-rows';
import { ProgressTable } from './progress-table';

// The daily progress sheet for a township meeting: what window.print() puts on paper (the
// screen page is hidden by the print stylesheet). Totals, every 普查小区 with 零数据 ones
// marked, every enumerator, and the time of the data, so nobody reads yesterday's figures as
// today's.

export function PrintSheet({ report }: { report: ProgressReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const unattributed = { label: t('progress.unattributed'), sub: t('progress.unattributedSub') };
  const subRows = rowsFor(report, 'subDistricts', unattributed, language);
  const enumeratorRows = rowsFor(report, 'enumerators', unattributed, language);
  const zero = subRows.filter((r) => r.isZero);
  const n = (v: number) => formatCount(v, language);
  return (
    <section className="print-sheet" data-testid="print-sheet">
      <header className="print-sheet__head">
        <h1 className="print-sheet__title">{t('progress.print.title')}</h1>
        <p>
          {t('progress.print.asOf', { time: formatDateTime(report.asOf, language) })}
          {' · '}
          {report.lastSyncAt ? t('progress.lastSync', { time: formatDateTime(report.lastSyncAt, language) }) : t('progress.neverSynced')}
        </p>
      </header>
      <p className="print-sheet__summary">
        {t('progress.print.summary', {
          total: n(report.totals.total),
          visited: n(report.totals.visited),
          submitted: n(report.totals.submitted),
          approved: n(report.totals.approved + report.totals.accepted),
          returned: n(report.totals.returned),
          zero: n(zero.length),
        })}
      </p>
      {zero.length > 0 ? (
        <p className="print-sheet__zero">
          {t('progress.print.zeroList', { list: joinList(zero.map((r) => r.label), language) })}
        </p>
      ) : null}
      <ProgressTable
        rows={subRows}
        totals={sumCounts(subRows)}
        caption={t('progress.levels.subDistricts')}
        groupLabel={t('progress.groupLabel.subDistricts')}
        testId="print-sub"
      />
      {enumeratorRows.length > 0 ? (
        <ProgressTable
          rows={enumeratorRows}
          totals={sumCounts(enumeratorRows)}
          caption={t('progress.levels.enumerators')}
          groupLabel={t('progress.groupLabel.enumerators')}
          testId="print-enum"
        />
      ) : null}
      <footer className="print-sheet__sign">
        <span>{t('progress.print.preparedBy')}</span>
        <span>{t('progress.print.checkedBy')}</span>
        <span>{t('progress.print.date')}</span>
      </footer>
    </section>
  );
}
