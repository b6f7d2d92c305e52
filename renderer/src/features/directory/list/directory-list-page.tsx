import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../../app/store';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { formatCount } from '../../../lib/format';
import { useOverview } from '../../overview/store';
import { base64ToBytes, downloadBytes } from '../../../lib/file-bytes';
import { useTownships } from '../townships';
import { EnterpriseTable } from './enterprise-table';
import { FiltersBar } from './filters-bar';
import { ImportDialog } from './import-dialog';
import { hasAnyFilter, toEnterpriseFilter, useDirectoryList } from './list-store';

// 企业名录: the whole district in one table, with search, filters, import and export.

function ExportButton() {
  const { t } = useTranslation();
  const applied = useDirectoryList((s) => s.applied);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const run = async () => {
    setIsBusy(true);
    setError(null);
    const result = await call('directory:export', toEnterpriseFilter(applied));
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadBytes(base64ToBytes(result.value.contentBase64), result.value.fileName, result.value.mimeType);
  };
  return (
    <>
      <button type="button" className="button button--secondary" data-testid="directory-export" disabled={isBusy} onClick={() => void run()}>
        {isBusy ? t('directory.exporting') : hasAnyFilter(applied) ? t('directory.exportFiltered') : t('directory.export')}
      </button>
      {error ? <ErrorNotice error={error} title={t('directory.exportFailed')} onDismiss={() => setError(null)} /> : null}
    </>
  );
}

export function DirectoryListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useOverview();
  const apply = useDirectoryList((s) => s.apply);
  const cache = useDirectoryList((s) => s.cache);
  const applied = useDirectoryList((s) => s.applied);
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  const loadTownships = useTownships((s) => s.load);
  const [isImporting, setIsImporting] = useState(false);

  // Re-read on every visit: flags and stages change on the enterprise pages. The rows already
  // cached stay on screen until the fresh ones arrive.
  useEffect(() => {
    apply(true);
    void loadTownships();
  }, [apply, loadTownships]);

  const afterImport = () => {
    apply(true);
    void overview.refresh();
  };

  const total = snapshot.total;
  const storeTotal = overview.value?.enterprises.total;
  const isEmptyStore = storeTotal === 0 && total === 0;
  const n = (v: number) => formatCount(v, language);

  return (
    <>
      <div className="toolbar">
        <p className="dir-count" role="status" data-testid="directory-count">
          {total === null
            ? t('app.loading')
            : hasAnyFilter(applied)
              ? t('directory.countFiltered', { shown: n(total), total: n(storeTotal ?? total) })
              : t('directory.count', { total: n(total) })}
          {snapshot.isLoading && total !== null ? <span className="dir-count__busy">{t('directory.updating')}</span> : null}
        </p>
        <div className="toolbar__actions">
          <button type="button" className="button button--primary" data-testid="directory-import" onClick={() => setIsImporting(true)}>
            {t('directory.import.open')}
          </button>
          <ExportButton />
        </div>
      </div>
      {snapshot.error ? <ErrorNotice error={snapshot.error} onRetry={() => apply(true)} /> : null}
      {isEmptyStore ? (
        <EmptyState testId="directory-empty" title={t('directory.emptyTitle')} body={t('directory.emptyBody')} />
      ) : (
        <>
          <FiltersBar />
          {total === 0 ? (
            <p className="muted" data-testid="directory-none">
              {t('directory.none')}
            </p>
          ) : total !== null ? (
            <EnterpriseTable />
          ) : null}
        </>
      )}
      {isImporting ? <ImportDialog onClose={() => setIsImporting(false)} onImported={afterImport} /> : null}
    </>
  );
}
