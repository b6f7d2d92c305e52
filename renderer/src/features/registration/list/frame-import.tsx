import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FramePreview } from '@shared/registration/registration';
import type { Language } from '@shared/session/settings';
import { useLanguage } from '../../../app/store';
import { call } from '../../../lib/api';
import { colon, formatCount } from '../../../lib/format';
import { Dialog } from '../dialog';
import { ImportScopeNote, OutOfScopeSkipped } from '../../../components/import-scope-note';
import { formatCounts, ImportPreviewTable, ImportProblems, SHOWN_PREVIEW_ROWS, SpreadsheetImport } from '../../../components/import-preview-table';

// Importing the listing frame (底册): pick a CSV or XLSX file, see every row as main parsed it
// with its errors and warnings, then import. Main parses the same bytes twice (preview and
// import), so what is imported is exactly what was previewed. Rows with errors and rows
// already present are skipped, never half-imported.

/** “统一社会信用代码：…” unless the message already starts with its column. */
function problemText(p: { column: string; messageZh: string; messageEn: string }, language: Language): string {
  const message = language === 'en' ? p.messageEn : p.messageZh;
  return p.column && !message.startsWith(p.column) ? `${p.column}${colon(language)}${message}` : message;
}

/** Rows main will import: no errors and not already in the store. */
const importableRows = (preview: FramePreview) => preview.rows.filter((r) => r.errors.length === 0 && !r.isAlreadyPresent).length;

export function FrameImport({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const n = (value: number) => formatCount(value, language);

  const renderPreview = (preview: FramePreview) => {
    const rows = preview.rows.filter((r) => !onlyProblems || r.errors.length > 0 || r.warnings.length > 0 || r.isAlreadyPresent);
    return (
      <>
        <ImportScopeNote scope={preview.scope} outside={preview.counts.outOfScope} />
        <label className="checkbox">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />{' '}
          {t('registration.frame.onlyProblems')}
        </label>
        <ImportPreviewTable
          rowText={t('registration.frame.row')}
          headings={[
            t('registration.list.area'),
            t('registration.list.name'),
            t('registration.list.uscc'),
            t('registration.list.address'),
            t('registration.frame.problems'),
          ]}
        >
          {rows.slice(0, SHOWN_PREVIEW_ROWS).map((r) => (
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
                <ImportProblems
                  errors={r.errors}
                  warnings={r.warnings}
                  text={(p) => problemText(p, language)}
                  errorTestId="frame-row-error"
                  warningTestId="frame-row-warning"
                >
                  {r.isAlreadyPresent ? <li className="note note--hint">{t('registration.frame.present')}</li> : null}
                </ImportProblems>
              </td>
            </tr>
          ))}
        </ImportPreviewTable>
        {rows.length > SHOWN_PREVIEW_ROWS ? <p className="muted">{t('registration.frame.more', { n: n(rows.length - SHOWN_PREVIEW_ROWS) })}</p> : null}
      </>
    );
  };

  return (
    <Dialog title={t('registration.frame.title')} testId="frame-dialog" onClose={onClose} isWide>
      <SpreadsheetImport
        kind="frame"
        readPreview={(file) => call('frame:preview', file)}
        runImport={(file) => call('frame:import', file)}
        writable={importableRows}
        counts={(preview) =>
          t(
            'registration.frame.counts',
            formatCounts(
              { total: preview.counts.total, importable: importableRows(preview), errors: preview.counts.withErrors, present: preview.counts.alreadyPresent },
              language,
            ),
          )
        }
        renderPreview={renderPreview}
        renderDone={(done) => (
          <>
            <p className="notice notice--ok" role="status" data-testid="frame-result">
              {t('registration.frame.done', {
                imported: n(done.imported),
                errors: n(done.skippedErrors),
                present: n(done.skippedPresent),
              })}
            </p>
            <OutOfScopeSkipped n={done.skippedOutOfScope} />
          </>
        )}
        onClose={onClose}
        onImported={onImported}
      />
    </Dialog>
  );
}
