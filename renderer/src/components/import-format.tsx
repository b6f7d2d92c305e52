import { useTranslation } from 'react-i18next';
import { IMPORT_ENCODINGS, importColumns, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportKind } from '@shared/files/imports';
import { useLanguage } from '../app/store';
import { call } from '../lib/api';
import { formatCount } from '../lib/format';
import { DownloadButton } from './download-button';

// What an import accepts, in the dialog where the file is chosen: formats, size, encodings of
// a CSV, every column with the header names read and whether it is required, how coded cells
// may be written, and the template to start from. The facts come from shared/files/imports.ts, the
// data main's readers use, so the dialog cannot promise what the import refuses.

export function ImportFormat({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const isEn = language === 'en';
  return (
    <>
      <p className="import-format__template">
        <span className="muted">{t('imports.templateHint')}</span>{' '}
        <DownloadButton label={t('imports.template')} testId={`${kind}-template`} request={() => call('imports:template', { kind })} />
      </p>
    <details className="import-format" data-testid={`${kind}-format`}>
      <summary>{t('imports.summary')}</summary>
      <ul className="import-format__facts">
        <li>{t('imports.formats', { mb: MAX_IMPORT_BYTES / 1024 / 1024, rows: formatCount(MAX_IMPORT_ROWS, language) })}</li>
        <li>{t('imports.encodings', { list: isEn ? IMPORT_ENCODINGS.en : IMPORT_ENCODINGS.zh })}</li>
        <li>{t('imports.header')}</li>
        <li>{t('imports.coded')}</li>
      </ul>
      <table className="data-table import-format__table">
        <thead>
          <tr>
            <th scope="col">{t('imports.column')}</th>
            <th scope="col">{t('imports.aliases')}</th>
            <th scope="col">{t('imports.required')}</th>
            <th scope="col">{t('imports.note')}</th>
          </tr>
        </thead>
        <tbody>
          {importColumns[kind].map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.headers[0]}</th>
              <td>{c.headers.slice(1).join(isEn ? ', ' : '、')}</td>
              <td>{c.required === 'always' ? t('imports.requiredAlways') : c.required === 'new' ? t('imports.requiredNew') : ''}</td>
              <td>{[c.note ? (isEn ? c.note.en : c.note.zh) : '', c.isCoded ? t('imports.codedColumn') : ''].filter((x) => x !== '').join(isEn ? '; ' : '；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
    </>
  );
}
