import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FramePreview } from '../../../../../shared/registration';
import type { AppErrorShape } from '../../../../../shared/result';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { formatCount } from '../../../lib/format';
import { Dialog } from '../dialog';
import { SpreadsheetFileField, type PickedFile } from '../../../components/spreadsheet-file-field';

// Importing the listing frame (底册): pick a CSV or XLSX file, see every row as main parsed it
// with its errors and warnings, then import. Main parses the same bytes twice (preview and
// import), so what is imported is exactly what was previewed. Rows with errors and rows
// already present are skipped, never half-imported.

const SHOWN_ROWS = 500;

/** “统一社会信用代码：…” unless the message already starts with its column. */
function problemText(p: { column: string; messageZh: string; messageEn: string }, language: string): string {
  const message = language === 'en' ? p.messageEn : p.messageZh;
  return p.column && !message.startsWith(p.column) ? `${p.column}：${message}` : message;
}

type Stage =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'preview'; file: { fileName: string; contentBase64: string }; preview: FramePreview }
  | { kind: 'importing' }
  | { kind: 'done'; imported: number; skippedErrors: number; skippedPresent: number };

export function FrameImport({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const n = (value: number) => formatCount(value, language);

  const requestPreview = async (payload: PickedFile) => {
    setError(null);
    const result = await call('frame:preview', payload);
    if (result.ok) setStage({ kind: 'preview', file: payload, preview: result.value });
    else {
      setError(result.error);
      setStage({ kind: 'choose' });
    }
  };

  const confirm = async (file: { fileName: string; contentBase64: string }) => {
    setError(null);
    setStage({ kind: 'importing' });
    const result = await call('frame:import', file);
    if (result.ok) {
      setStage({ kind: 'done', ...result.value });
      onImported();
    } else {
      setError(result.error);
      setStage({ kind: 'choose' });
    }
  };

  const preview = stage.kind === 'preview' ? stage.preview : null;
  // Rows main will import: no errors and not already in the store.
  const importable = preview ? preview.rows.filter((r) => r.errors.length === 0 && !r.isAlreadyPresent).length : 0;
  const rows = preview ? preview.rows.filter((r) => !onlyProblems || r.errors.length > 0 || r.warnings.length > 0 || r.isAlreadyPresent) : [];
  return (
    <Dialog title={t('registration.frame.title')} testId="frame-dialog" onClose={onClose} isWide>
      <div className="form">
        {stage.kind === 'choose' || stage.kind === 'reading' ? (
          <SpreadsheetFileField
            id="frame-file"
            testId="frame-file"
            label={t('registration.frame.file')}
            hint={t('registration.frame.hint')}
            tooBigText={t('registration.frame.tooBig')}
            readingText={t('registration.frame.reading')}
            isReading={stage.kind === 'reading'}
            onReading={() => setStage({ kind: 'reading' })}
            onPicked={(file) => void requestPreview(file)}
          />
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        {preview && stage.kind === 'preview' ? (
          <div className="frame-preview" data-testid="frame-preview">
            <p data-testid="frame-counts">
              {t('registration.frame.counts', {
                total: n(preview.counts.total),
                importable: n(importable),
                errors: n(preview.counts.withErrors),
                present: n(preview.counts.alreadyPresent),
              })}
            </p>
            <p className="muted">
              {t('registration.frame.columns')}{' '}
              {preview.columns.map((c) => (c.field ? c.header : `${c.header}（${t('registration.frame.ignored')}）`)).join('、')}
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />{' '}
              {t('registration.frame.onlyProblems')}
            </label>
            <div className="frame-preview__scroll">
              <table className="data-table frame-preview__table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('registration.frame.row')}
                    </th>
                    <th scope="col">{t('registration.list.area')}</th>
                    <th scope="col">{t('registration.list.name')}</th>
                    <th scope="col">{t('registration.list.uscc')}</th>
                    <th scope="col">{t('registration.list.address')}</th>
                    <th scope="col">{t('registration.frame.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, SHOWN_ROWS).map((r) => (
                    <tr
                      key={r.rowNo}
                      data-testid={`frame-row-${r.rowNo}`}
                      className={r.errors.length > 0 ? 'row--error' : r.isAlreadyPresent ? 'row--muted' : undefined}
                    >
                      <td className="num">{r.rowNo}</td>
                      <td className="mono">{r.areaCode}</td>
                      <td>{r.name}</td>
                      <td className="mono">{r.uscc}</td>
                      <td>{r.address}</td>
                      <td>
                        <ul className="frame-problems">
                          {r.errors.map((p) => (
                            <li key={`e:${p.column}:${p.messageZh}`} className="note note--mandatory" data-testid="frame-row-error">
                              {problemText(p, language)}
                            </li>
                          ))}
                          {r.warnings.map((p) => (
                            <li key={`w:${p.column}:${p.messageZh}`} className="note note--verify" data-testid="frame-row-warning">
                              {problemText(p, language)}
                            </li>
                          ))}
                          {r.isAlreadyPresent ? <li className="note note--hint">{t('registration.frame.present')}</li> : null}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {rows.length > SHOWN_ROWS ? <p className="muted">{t('registration.frame.more', { n: n(rows.length - SHOWN_ROWS) })}</p> : null}
            <div className="form__actions">
              <button
                type="button"
                className="button button--primary"
                data-testid="frame-confirm"
                disabled={importable === 0}
                onClick={() => void confirm(stage.file)}
              >
                {t('registration.frame.confirm', { n: n(importable) })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setStage({ kind: 'choose' })}>
                {t('registration.frame.another')}
              </button>
            </div>
          </div>
        ) : null}
        {stage.kind === 'importing' ? <p role="status">{t('registration.frame.importing')}</p> : null}
        {stage.kind === 'done' ? (
          <p className="notice notice--ok" role="status" data-testid="frame-result">
            {t('registration.frame.done', {
              imported: n(stage.imported),
              errors: n(stage.skippedErrors),
              present: n(stage.skippedPresent),
            })}
          </p>
        ) : null}
        <div className="dialog__close">
          <button type="button" className="button button--secondary" data-testid="frame-close" onClick={onClose}>
            {t('registration.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
