import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { summaryTables, type SummaryTable, type Words } from '@shared/summary/tables';
import type { YearSummary } from '@shared/summary/year-summary';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { Page } from '../../components/page';
import { call } from '../../lib/api';
import { formatCount, formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useSession } from '../review/session-role';

// 年度汇总: the year's figures the bureau's annual report quotes, from this laptop's records
// (shared/summary: the same tables the workbook holds), each table with where its figures come
// from under it. The page is its own printed document: window.print() leaves out the navigation
// and the controls (summary.css). The interference table appears only when main sent it, i.e.
// for the leadership.

const FIRST_YEAR = 2020;

export function SummaryPage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.value === null) {
    return <Page title={t('summary.title')} testId="summary-page">{session.error ? <ErrorNotice error={session.error} /> : <p className="muted">{t('app.loading')}</p>}</Page>;
  }
  if (!session.value.permissions.includes('reports.export')) {
    return (
      <Page title={t('summary.title')} testId="summary-page">
        <p className="notice" data-testid="summary-not-allowed">
          {t('summary.notAllowed')}
        </p>
      </Page>
    );
  }
  return <Summary />;
}

function Summary() {
  const { t } = useTranslation();
  const language = useLanguage();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const summary = useCall('summary:year', { year });
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const shown = summary.value && summary.value.year === year && !summary.isLoading ? summary.value : null;
  return (
    <Page title={t('summary.title')} testId="summary-page">
      <div className="toolbar sum-screen">
        <label className="dir-inline">
          {t('summary.year')}
          <select className="field__input field__input--select" data-testid="sum-year" value={String(year)} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar__actions">
          <DownloadButton label={t('summary.export')} testId="sum-export" request={() => call('summary:exportXlsx', { year })} />
          <button type="button" className="button button--secondary" data-testid="sum-print" disabled={shown === null} onClick={() => window.print()}>
            {t('summary.print')}
          </button>
        </div>
      </div>
      <p className="muted sum-screen">{t('summary.intro')}</p>
      {summary.error ? <ErrorNotice error={summary.error} /> : null}
      {shown ? <SummaryDocument summary={shown} language={language} /> : summary.error ? null : <p className="muted">{t('app.loading')}</p>}
    </Page>
  );
}

function SummaryDocument({ summary, language }: { summary: YearSummary; language: 'zh-CN' | 'en' }) {
  const { t } = useTranslation();
  const w = (words: Words) => (language === 'en' ? words.en : words.zh);
  return (
    <section className="sum-doc" data-testid="sum-doc" data-year={summary.year}>
      <header className="sum-doc__head">
        <h2 className="sum-doc__title">{t('summary.docTitle', { year: summary.year })}</h2>
        <p className="muted">{t('summary.asOf', { time: formatDateTime(new Date().toISOString(), language) })}</p>
      </header>
      <div className="sum-grid">
        {summaryTables(summary).map((table) => (
          <SummaryTableView key={table.key} table={table} w={w} language={language} />
        ))}
      </div>
      <footer className="sum-doc__sign">
        <span>{t('summary.signPreparer')}</span>
        <span>{t('summary.signReviewer')}</span>
        <span>{t('summary.signDate')}</span>
      </footer>
    </section>
  );
}

function SummaryTableView({ table, w, language }: { table: SummaryTable; w: (words: Words) => string; language: 'zh-CN' | 'en' }) {
  const { t } = useTranslation();
  return (
    <div className={`sum-table${table.key === 'interference' ? ' sum-table--restricted' : ''}`} data-testid={`sum-${table.key}`}>
      <table className="data-table">
        <caption>{w(table.title)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summary.item')}</th>
            {table.columns.map((c) => (
              <th key={c.zh} scope="col" className="sum-num">
                {w(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key} data-testid={`sum-${table.key}-${r.key}`} className={r.isTotal ? 'sum-total' : undefined}>
              <th scope="row">{w(r.label)}</th>
              {r.values.map((v, i) => (
                <td key={i} className="sum-num" data-value={v ?? ''}>
                  {v === null ? '—' : formatCount(v, language)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.missing ? (
        <p className="sum-missing" data-testid={`sum-${table.key}-missing`}>
          {w(table.missing)}
        </p>
      ) : null}
      <p className="sum-source">{w(table.source)}</p>
    </div>
  );
}
