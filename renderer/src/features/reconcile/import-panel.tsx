import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { professionName } from '@shared/reconcile/columns';
import type { AnnualPreview } from '@shared/reconcile/wire';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { SpreadsheetFileField, type PickedFile } from '../../components/spreadsheet-file-field';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

// Importing the 快报: pick the file, read main's preview (every error with its sheet, row and
// column; the first rows as they will be stored), then import. A file with any error imports
// nothing; a year that already has data is replaced only when the box saying so is ticked.

export function ImportPanel({ year, onClose, onImported }: { year: number; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<AnnualPreview | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isReplaceConfirmed, setIsReplaceConfirmed] = useState(false);

  const read = async (picked: PickedFile) => {
    setFile(picked);
    setPreview(null);
    setError(null);
    setIsReplaceConfirmed(false);
    const result = await call('reconcile:preview', { year, ...picked });
    setIsBusy(false);
    if (result.ok) setPreview(result.value);
    else setError(result.error);
  };
  const commit = async () => {
    if (!file || !preview) return;
    setIsBusy(true);
    setError(null);
    const result = await call('reconcile:import', { year, ...file, replace: isReplaceConfirmed });
    setIsBusy(false);
    if (result.ok) onImported();
    else setError(result.error);
  };
  const w = (x: { zh: string; en: string }) => (language === 'en' ? x.en : x.zh);
  return (
    <section className="rec-import rec-screen" data-testid="rec-import" aria-label={t('reconcile.importTitle', { year })}>
      <h2 className="rec-import__title">{t('reconcile.importTitle', { year })}</h2>
      <p className="muted">{t('reconcile.importFormat')}</p>
      <SpreadsheetFileField
        id="rec-file"
        testId="rec-file"
        label={t('reconcile.file')}
        hint={t('reconcile.fileHint')}
        tooBigText={t('reconcile.tooBig')}
        isReading={isBusy}
        onReading={() => setIsBusy(true)}
        onRefused={() => {
          setPreview(null);
          setFile(null);
        }}
        onPicked={(picked) => void read(picked)}
      />
      {error ? <ErrorNotice error={error} title={t('reconcile.importFailed')} onDismiss={() => setError(null)} /> : null}
      {preview ? (
        <div data-testid="rec-preview">
          <p data-testid="rec-preview-summary" className={preview.canImport ? '' : 'rec-bad'}>
            {preview.canImport
              ? t('reconcile.previewOk', { units: preview.unitCount, totals: preview.totalsCount })
              : t('reconcile.previewBad', { count: preview.errors.length + preview.moreErrors })}
          </p>
          {preview.errors.length > 0 ? (
            <table className="data-table rec-problems" data-testid="rec-errors">
              <thead>
                <tr>
                  <th scope="col">{t('reconcile.sheet')}</th>
                  <th scope="col">{t('reconcile.row')}</th>
                  <th scope="col">{t('reconcile.column')}</th>
                  <th scope="col">{t('reconcile.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((p, i) => (
                  <tr key={i}>
                    <td>{p.sheet}</td>
                    <td>{p.rowNo === 0 ? t('reconcile.wholeSheet') : p.rowNo}</td>
                    <td>{p.column}</td>
                    <td>{w(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.warnings.length > 0 ? (
            <ul className="rec-warnings" data-testid="rec-warnings">
              {preview.warnings.map((p, i) => (
                <li key={i}>{t('reconcile.warningRow', { row: p.rowNo, text: w(p) })}</li>
              ))}
            </ul>
          ) : null}
          {preview.canImport ? (
            <table className="data-table rec-preview-rows" data-testid="rec-preview-rows">
              <thead>
                <tr>
                  <th scope="col">{t('reconcile.row')}</th>
                  <th scope="col">{t('reconcile.unitName')}</th>
                  <th scope="col">{t('reconcile.code')}</th>
                  <th scope="col">{t('reconcile.profession')}</th>
                  <th scope="col">{t('reconcile.industry')}</th>
                  <th scope="col">{t('reconcile.township')}</th>
                  <th scope="col" className="rec-num">{t('reconcile.revenue')}</th>
                  <th scope="col" className="rec-num">{t('reconcile.employees')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.units.map((u) => (
                  <tr key={u.rowNo}>
                    <td>{u.rowNo}</td>
                    <td>{u.name}</td>
                    <td>{u.uscc || u.orgCode}</td>
                    <td>{w(professionName(u.profession))}</td>
                    <td>{u.industryCode}</td>
                    <td>{u.township}</td>
                    <td className="rec-num">{u.revenue.toLocaleString('en-US')}</td>
                    <td className="rec-num">{u.employees.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.canImport && preview.replaces ? (
            <label className="rec-replace notice" data-testid="rec-replace">
              <input type="checkbox" checked={isReplaceConfirmed} data-testid="rec-replace-confirm" onChange={(e) => setIsReplaceConfirmed(e.target.checked)} />{' '}
              {t('reconcile.replace', { year, file: preview.replaces.fileName, by: preview.replaces.by, at: formatDateTime(preview.replaces.at, language), units: preview.replaces.unitCount })}
            </label>
          ) : null}
        </div>
      ) : null}
      <div className="toolbar__actions rec-import__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="rec-import-commit"
          disabled={isBusy || !preview?.canImport || (preview.replaces !== null && !isReplaceConfirmed)}
          onClick={() => void commit()}
        >
          {t('reconcile.importCommit', { count: preview?.unitCount ?? 0 })}
        </button>
        <button type="button" className="button button--secondary" data-testid="rec-import-cancel" onClick={onClose} disabled={isBusy}>
          {t('reconcile.cancel')}
        </button>
      </div>
    </section>
  );
}
