import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryImportPreview, DirectoryImportReport, ImportRowResult } from '../../../../../shared/directory';
import type { AppErrorShape } from '../../../../../shared/result';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { formatCount } from '../../../lib/format';
import { Dialog } from '../../registration/dialog';
import { fieldLabel, isEnterpriseField, valueText } from '../field-labels';
import { SpreadsheetFileField, type PickedFile } from '../../../components/spreadsheet-file-field';

// Importing the directory from CSV or XLSX: main parses the file and says, row by row, what it
// would do (insert, update by USCC, leave unchanged, or refuse with the reasons). Only after
// the user confirms does main parse the same bytes again and write; rows with errors are
// skipped whole. The report at the end says what changed.

const SHOWN_ROWS = 500;

type Stage =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'preview'; file: { fileName: string; contentBase64: string }; preview: DirectoryImportPreview }
  | { kind: 'importing' }
  | { kind: 'done'; report: DirectoryImportReport };

/** Main's message names the field itself when the column is one of ours; a column it could not
 * map (a raw header) is put in front. */
function messageText(m: { column: string; messageZh: string; messageEn: string }, language: string): string {
  const text = language === 'en' ? m.messageEn : m.messageZh;
  if (!m.column || isEnterpriseField(m.column) || text.startsWith(m.column)) return text;
  return `${m.column}${language === 'en' ? ': ' : '：'}${text}`;
}

function PreviewRow({ row }: { row: ImportRowResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <tr data-testid={`import-row-${row.rowNo}`} data-action={row.action} className={row.action === 'error' ? 'row--error' : undefined}>
      <td className="num">{row.rowNo}</td>
      <td>
        <span className={`dir-action dir-action--${row.action}`}>{t(`directory.import.actions.${row.action}`)}</span>
      </td>
      <td>{row.name}</td>
      <td className="mono">{row.uscc}</td>
      <td>
        <ul className="frame-problems">
          {row.errors.map((m) => (
            <li key={`e:${m.column}:${m.messageZh}`} className="note note--mandatory" data-testid="import-row-error">
              {messageText(m, language)}
            </li>
          ))}
          {row.warnings.map((m) => (
            <li key={`w:${m.column}:${m.messageZh}`} className="note note--verify">
              {messageText(m, language)}
            </li>
          ))}
          {row.changes.map((c) => (
            <li key={`c:${c.field}`} className="note note--hint">
              {fieldLabel(t, c.field)}：{valueText(t, c.from)} → {valueText(t, c.to)}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [reason, setReason] = useState('');
  const n = (value: number) => formatCount(value, language);

  const requestPreview = async (payload: PickedFile) => {
    setError(null);
    const result = await call('directory:importPreview', payload);
    if (result.ok) setStage({ kind: 'preview', file: payload, preview: result.value });
    else {
      setError(result.error);
      setStage({ kind: 'choose' });
    }
  };

  const confirm = async (file: { fileName: string; contentBase64: string }) => {
    setError(null);
    setStage({ kind: 'importing' });
    const result = await call('directory:import', { ...file, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (result.ok) {
      setStage({ kind: 'done', report: result.value });
      onImported();
    } else {
      setError(result.error);
      setStage({ kind: 'choose' });
    }
  };

  const preview = stage.kind === 'preview' ? stage.preview : null;
  const writable = preview ? preview.counts.insert + preview.counts.update : 0;
  return (
    <Dialog title={t('directory.import.title')} testId="directory-import-dialog" onClose={onClose} isWide>
      <div className="form">
        {stage.kind === 'choose' || stage.kind === 'reading' ? (
          <SpreadsheetFileField
            id="directory-import-file"
            testId="directory-import-file"
            label={t('directory.import.file')}
            hint={t('directory.import.hint')}
            tooBigText={t('directory.import.tooBig')}
            readingText={t('directory.import.reading')}
            isReading={stage.kind === 'reading'}
            onReading={() => setStage({ kind: 'reading' })}
            onPicked={(file) => void requestPreview(file)}
          />
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        {preview && stage.kind === 'preview' ? (
          <div className="frame-preview" data-testid="directory-import-preview">
            <p data-testid="directory-import-counts">
              {t('directory.import.counts', {
                total: n(preview.counts.total),
                insert: n(preview.counts.insert),
                update: n(preview.counts.update),
                unchanged: n(preview.counts.unchanged),
                error: n(preview.counts.error),
              })}
            </p>
            <p className="muted">
              {t('directory.import.columns')}{' '}
              {preview.columns.map((c) => (c.field ? c.header : `${c.header}（${t('directory.import.ignored')}）`)).join('、')}
            </p>
            <div className="frame-preview__scroll">
              <table className="data-table frame-preview__table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('directory.import.row')}
                    </th>
                    <th scope="col">{t('directory.import.action')}</th>
                    <th scope="col">{t('directory.columns.name')}</th>
                    <th scope="col">{t('directory.columns.uscc')}</th>
                    <th scope="col">{t('directory.import.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, SHOWN_ROWS).map((r) => (
                    <PreviewRow key={r.rowNo} row={r} />
                  ))}
                </tbody>
              </table>
            </div>
            {preview.isTruncated || preview.rows.length > SHOWN_ROWS ? <p className="muted">{t('directory.import.truncated')}</p> : null}
            <label className="field">
              <span className="field__label">{t('directory.import.reason')}</span>
              <input
                className="field__input"
                data-testid="directory-import-reason"
                value={reason}
                maxLength={500}
                placeholder={t('directory.import.reasonPlaceholder')}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            <div className="form__actions">
              <button
                type="button"
                className="button button--primary"
                data-testid="directory-import-confirm"
                disabled={writable === 0}
                onClick={() => void confirm(stage.file)}
              >
                {t('directory.import.confirm', { n: n(writable) })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setStage({ kind: 'choose' })}>
                {t('directory.import.another')}
              </button>
            </div>
          </div>
        ) : null}
        {stage.kind === 'importing' ? <p role="status">{t('directory.import.importing')}</p> : null}
        {stage.kind === 'done' ? <ImportReport report={stage.report} /> : null}
        <div className="dialog__close">
          <button type="button" className="button button--secondary" data-testid="directory-import-close" onClick={onClose}>
            {t('directory.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function ImportReport({ report }: { report: DirectoryImportReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatCount(value, language);
  return (
    <div className="dir-report" data-testid="directory-import-report">
      <p className="notice notice--ok" role="status" data-testid="directory-import-result">
        {t('directory.import.done', {
          inserted: n(report.inserted),
          updated: n(report.updated),
          unchanged: n(report.unchanged),
          errors: n(report.errors.length),
        })}
      </p>
      {report.errors.length > 0 ? (
        <ul className="dir-report__errors">
          {report.errors.map((e) => (
            <li key={e.rowNo}>
              {t('directory.import.errorRow', { row: e.rowNo, name: e.name || e.uscc })}{' '}
              {e.messages.map((m) => messageText(m, language)).join('；')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
