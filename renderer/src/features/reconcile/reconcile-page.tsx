import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CENSUS_ANNUAL_YEAR } from '@shared/reconcile/columns';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { Page } from '../../components/page';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useSession } from '../review/session-role';
import { GapTables } from './gap-table';
import { ImportPanel } from './import-panel';
import { UnitLists } from './unit-lists';

// 快报衔接: the census against the year's annual/快报 figures. The bureau imports the 快报
// (preview first; a re-import replaces the year's data only once confirmed), reads the gap table
// by 专业, 行业大类 and 乡镇 with an explanation per gap, and the units beyond tolerance (each a
// 核实性 finding on the unit in review) or on one side only. The page prints as its own document
// (reconcile.css) and exports as a workbook holding the same rows.

const FIRST_YEAR = 2018;

export function ReconcilePage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.value === null) {
    return <Page title={t('reconcile.title')} testId="reconcile-page">{session.error ? <ErrorNotice error={session.error} /> : <p className="muted">{t('app.loading')}</p>}</Page>;
  }
  if (!session.value.permissions.includes('reconcile.manage')) {
    return (
      <Page title={t('reconcile.title')} testId="reconcile-page">
        <p className="notice" data-testid="rec-not-allowed">
          {t('reconcile.notAllowed')}
        </p>
      </Page>
    );
  }
  return <Reconcile />;
}

function Reconcile() {
  const { t } = useTranslation();
  const language = useLanguage();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(CENSUS_ANNUAL_YEAR);
  const [isImporting, setIsImporting] = useState(false);
  const view = useCall('reconcile:view', { year });
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const shown = view.value && view.value.year === year && !view.isLoading ? view.value : null;
  const imported = new Set(view.value?.years ?? []);
  const dataset = shown?.dataset ?? null;
  return (
    <Page title={t('reconcile.title')} testId="reconcile-page">
      <div className="toolbar rec-screen">
        <label className="dir-inline">
          {t('reconcile.year')}
          <select className="field__input field__input--select" data-testid="rec-year" value={String(year)} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {imported.has(y) ? t('reconcile.yearImported', { year: y }) : y}
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar__actions">
          <button type="button" className="button button--primary" data-testid="rec-open-import" onClick={() => setIsImporting(true)} disabled={isImporting}>
            {dataset ? t('reconcile.reimport') : t('reconcile.import')}
          </button>
          <DownloadButton label={t('reconcile.template')} testId="rec-template" request={() => call('reconcile:template', undefined)} />
          <DownloadButton label={t('reconcile.export')} testId="rec-export" request={() => call('reconcile:exportXlsx', { year })} />
          <button type="button" className="button button--secondary" data-testid="rec-print" disabled={!dataset} onClick={() => window.print()}>
            {t('reconcile.print')}
          </button>
        </div>
      </div>
      <p className="muted rec-screen">{t('reconcile.intro', { year: CENSUS_ANNUAL_YEAR })}</p>
      {isImporting ? (
        <ImportPanel
          year={year}
          onClose={() => setIsImporting(false)}
          onImported={() => {
            setIsImporting(false);
            view.refetch();
          }}
        />
      ) : null}
      {view.error ? <ErrorNotice error={view.error} onRetry={view.refetch} /> : null}
      {shown === null ? (
        view.error ? null : <p className="muted">{t('app.loading')}</p>
      ) : dataset === null ? (
        <p className="notice rec-screen" data-testid="rec-empty">
          {t('reconcile.empty', { year })}
        </p>
      ) : (
        <section className="rec-doc" data-testid="rec-doc">
          <header className="rec-doc__head">
            <h2 className="rec-doc__title">{t('reconcile.docTitle', { year })}</h2>
            <p className="muted" data-testid="rec-dataset">
              {t('reconcile.dataset', { file: dataset.fileName, units: dataset.unitCount, by: dataset.by, at: formatDateTime(dataset.at, language) })}
            </p>
            {shown.history.length > 1 ? (
              <details className="rec-screen">
                <summary>{t('reconcile.history', { count: shown.history.length })}</summary>
                <ul data-testid="rec-history">
                  {shown.history.map((h) => (
                    <li key={h.id}>{t('reconcile.historyRow', { file: h.fileName, units: h.unitCount, by: h.by, at: formatDateTime(h.at, language) })}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </header>
          <GapTables view={shown} onSaved={view.refetch} />
          <UnitLists view={shown} />
        </section>
      )}
    </Page>
  );
}
