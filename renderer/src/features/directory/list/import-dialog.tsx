import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@shared/session/settings';
import type { DirectoryImportPreview, DirectoryImportReport, ImportRowResult } from '@shared/directory/directory';
import { useLanguage } from '../../../app/store';
import { call } from '../../../lib/api';
import { colon, formatCount, joinClauses } from '../../../lib/format';
import { Dialog } from '../../registration/dialog';
import { fieldLabel, isEnterpriseField, valueText } from '../field-labels';
import { ImportScopeNote, OutOfScopeSkipped } from '../../../components/import-scope-note';
import { formatCounts, ImportPreviewTable, ImportProblems, SHOWN_PREVIEW_ROWS, SpreadsheetImport } from '../../../components/import-preview-table';

// Importing the directory from CSV or XLSX: main parses the file and says, row by row, what it
// would do (insert, update by USCC, leave unchanged, or refuse with the reasons). Only after
// the user confirms does main parse the same bytes again and write; rows with errors are
// skipped whole. The report at the end says what changed.

/** Main's message names the field itself when the column is one of ours; a column it could not
 * map (a raw header) is put in front. */
function messageText(m: { column: string; messageZh: string; messageEn: string }, language: Language): string {
  const text = language === 'en' ? m.messageEn : m.messageZh;
  if (!m.column || isEnterpriseField(m.column) || text.startsWith(m.column)) return text;
  return `${m.column}${colon(language)}${text}`;
}

function PreviewRow({ row }: { row: ImportRowResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <tr data-testid={`import-row-${row.rowNo}`} data-action={row.action} className={row.action === 'error' || row.action === 'outOfScope' ? 'row--error' : undefined}>
      <td className="num">{row.rowNo}</td>
      <td>
        <span className={`dir-action dir-action--${row.action}`}>{t(`directory.import.actions.${row.action}`)}</span>
      </td>
      <td>{row.name}</td>
      <td className="mono">{row.uscc !== '' ? row.uscc : row.orgCode}</td>
      <td>
        <ImportProblems errors={row.errors} warnings={row.warnings} text={(m) => messageText(m, language)} errorTestId="import-row-error">
          {row.changes.map((c) => (
            <li key={`c:${c.field}`} className="note note--hint">
              {fieldLabel(t, c.field)}
              {colon(language)}
              {valueText(t, c.from)} → {valueText(t, c.to)}
            </li>
          ))}
        </ImportProblems>
      </td>
    </tr>
  );
}

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [reason, setReason] = useState('');

  const renderPreview = (preview: DirectoryImportPreview) => (
    <>
      <ImportScopeNote scope={preview.scope} outside={preview.counts.outOfScope} />
      <ImportPreviewTable
        rowText={t('directory.import.row')}
        headings={[t('directory.import.action'), t('directory.columns.name'), t('directory.columns.uscc'), t('directory.import.details')]}
      >
        {preview.rows.slice(0, SHOWN_PREVIEW_ROWS).map((r) => (
          <PreviewRow key={r.rowNo} row={r} />
        ))}
      </ImportPreviewTable>
      {preview.isTruncated || preview.rows.length > SHOWN_PREVIEW_ROWS ? <p className="muted">{t('directory.import.truncated')}</p> : null}
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
    </>
  );

  return (
    <Dialog title={t('directory.import.title')} testId="directory-import-dialog" onClose={onClose} isWide>
      <SpreadsheetImport
        kind="directory"
        readPreview={(file) => call('directory:importPreview', file)}
        runImport={(file) => call('directory:import', { ...file, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
        writable={(preview) => preview.counts.insert + preview.counts.update}
        counts={(preview) => t('directory.import.counts', formatCounts(preview.counts, language))}
        renderPreview={renderPreview}
        renderDone={(report) => <ImportReport report={report} />}
        onClose={onClose}
        onImported={onImported}
      />
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
      <OutOfScopeSkipped n={report.outOfScope} />
      {report.errors.length > 0 ? (
        <ul className="dir-report__errors">
          {report.errors.map((e) => (
            <li key={e.rowNo}>
              {t('directory.import.errorRow', { row: e.rowNo, name: e.name || e.uscc || e.orgCode })}{' '}
              {joinClauses(e.messages.map((m) => messageText(m, language)), language)}
            </li>
          ))}
        </ul>
      ) : null}
      {report.warnings.length > 0 ? (
        <>
          <p>{t('directory.import.warnedRows', { n: n(report.warnings.length) })}</p>
          <ul className="dir-report__warnings" data-testid="directory-import-warnings">
            {report.warnings.map((w) => (
              <li key={w.rowNo}>
                {t('directory.import.errorRow', { row: w.rowNo, name: w.name || w.uscc || w.orgCode })}{' '}
                {joinClauses(w.messages.map((m) => messageText(m, language)), language)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
