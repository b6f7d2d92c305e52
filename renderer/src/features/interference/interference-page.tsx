import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InterferenceEntry } from '@shared/interference/entry';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { Page } from '../../components/page';
import { showToast } from '../../components/toast';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useSession } from '../review/session-role';
import { InterferenceForm } from './interference-form';
import { InterferenceTable } from './interference-table';
import { numbered } from './numbering';

// 领导干部干预统计工作记录: the leadership's register of attempts to influence statistical
// figures, by year, with the year's count, an XLSX for the annual report and a printed page.
// Append-only: the page offers recording and correcting (a new entry), never editing or
// deleting. Other roles never reach it from the navigation, and main refuses them anyway.

export function InterferencePage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.value === null) {
    return <Page title={t('interference.title')} testId="interference-page">{session.error ? <ErrorNotice error={session.error} /> : <p className="muted">{t('app.loading')}</p>}</Page>;
  }
  if (!session.value.permissions.includes('interference.keep')) {
    return (
      <Page title={t('interference.title')} testId="interference-page">
        <p className="notice" data-testid="interference-not-allowed">
          {t('interference.notAllowed')}
        </p>
      </Page>
    );
  }
  return <Register />;
}

type Editing = { corrects: InterferenceEntry | null; no: number | null } | null;

function Register() {
  const { t } = useTranslation();
  const language = useLanguage();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | null>(thisYear);
  const [editing, setEditing] = useState<Editing>(null);
  const list = useCall('interference:list', { year });
  const years = [...new Set([thisYear, ...(list.value?.years ?? [])])].sort((a, b) => b - a);
  const { rows, noOf } = numbered(list.value?.rows ?? []);

  const saved = () => {
    setEditing(null);
    showToast(t('interference.recorded'));
    list.refetch();
  };

  return (
    <Page title={t('interference.title')} testId="interference-page">
      <p className="itf-restricted" data-testid="interference-restricted">
        {t('interference.restricted')}
      </p>
      <div className="toolbar itf-screen">
        <label className="dir-inline">
          {t('interference.year')}
          <select
            className="field__input field__input--select"
            data-testid="itf-year"
            value={year === null ? '' : String(year)}
            onChange={(e) => setYear(e.target.value === '' ? null : Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
            <option value="">{t('interference.allYears')}</option>
          </select>
        </label>
        <div className="toolbar__actions">
          <button type="button" className="button button--primary" data-testid="itf-add" disabled={editing !== null} onClick={() => setEditing({ corrects: null, no: null })}>
            {t('interference.add')}
          </button>
          {year !== null ? (
            <>
              <DownloadButton label={t('interference.export')} testId="itf-export" request={() => call('interference:exportXlsx', { year })} />
              <button type="button" className="button button--secondary" data-testid="itf-print" onClick={() => window.print()}>
                {t('interference.print')}
              </button>
            </>
          ) : (
            <span className="muted">{t('interference.pickYear')}</span>
          )}
        </div>
      </div>
      {editing ? (
        <div className="itf-screen">
          <InterferenceForm key={editing.corrects?.id ?? 'new'} corrects={editing.corrects} correctsNo={editing.no} onSaved={saved} onCancel={() => setEditing(null)} />
        </div>
      ) : null}
      {list.error ? <ErrorNotice error={list.error} /> : null}
      {list.value ? (
        <div className="itf-screen">
          <p className="itf-count" data-testid="itf-count">
            {list.value.yearCount !== null && year !== null ? t('interference.yearCount', { year, count: list.value.yearCount }) : t('interference.entriesShown', { count: rows.length })}
          </p>
          {rows.length === 0 ? (
            <p className="muted" data-testid="itf-empty">
              {year === null ? t('interference.emptyAll') : t('interference.empty')}
            </p>
          ) : (
            <InterferenceTable rows={rows} noOf={noOf} testId="itf-table" onCorrect={(entry, no) => setEditing({ corrects: entry, no })} />
          )}
        </div>
      ) : null}
      {list.value && year !== null ? (
        <section className="itf-print" data-testid="itf-print-sheet">
          <header className="itf-print__head">
            <h1>{t('interference.printSheet.title', { year })}</h1>
            <p>{t('interference.printSheet.asOf', { time: formatDateTime(new Date().toISOString(), language) })}</p>
          </header>
          <p>{t('interference.yearCount', { year, count: list.value.yearCount ?? 0 })}</p>
          {rows.length > 0 ? <InterferenceTable rows={rows} noOf={noOf} testId="itf-print-table" /> : <p>{t('interference.empty')}</p>}
          <footer className="itf-print__sign">
            <span>{t('interference.printSheet.signLeader')}</span>
            <span>{t('interference.printSheet.signDate')}</span>
          </footer>
        </section>
      ) : null}
    </Page>
  );
}
