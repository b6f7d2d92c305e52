import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape, Result } from '@shared/result';
import type { Language } from '@shared/session/settings';
import { useLanguage } from '../app/store';
import { formatCount, inParens, joinList } from '../lib/format';
import { ErrorNotice } from './error-notice';
import { ImportFormat } from './import-format';
import { TaskProgressLine } from './task-progress';
import { SpreadsheetFileField, type PickedFile } from './spreadsheet-file-field';

// The body shared by every CSV/XLSX import dialog (listing frame, directory): choose a file,
// main parses it and answers a row-by-row preview, the user confirms, main parses the same
// bytes again and writes. Each dialog brings its own calls, counts, table rows and report;
// this owns the stages and the markup they share, so both dialogs look and behave alike.

/** Rows shown in a preview table; the dialog says when there are more. */
export const SHOWN_PREVIEW_ROWS = 500;

/** Each dialog's texts live under its own i18n prefix with the same keys below it, and its
 * test ids share a prefix: `${testId}-file`, `-preview`, `-counts`, `-confirm`, `-close`. */
const kinds = {
  directory: { texts: 'directory.import', close: 'directory.close', testId: 'directory-import', task: 'directoryImport' },
  frame: { texts: 'registration.frame', close: 'registration.close', testId: 'frame', task: 'frameImport' },
} as const;

/** Every count of a preview's sentence written for the reader's language (1,234 / 1,234). */
export function formatCounts<K extends string>(counts: Record<K, number>, language: Language): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(counts) as K[]) out[key] = formatCount(counts[key], language);
  return out;
}

type Stage<P, D> =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'preview'; file: PickedFile; preview: P }
  | { kind: 'importing' }
  | { kind: 'done'; done: D };

interface SpreadsheetImportProps<P extends { columns: readonly { header: string; field: unknown }[] }, D> {
  kind: keyof typeof kinds;
  readPreview(file: PickedFile): Promise<Result<P>>;
  runImport(file: PickedFile): Promise<Result<D>>;
  /** How many rows the import would write; confirming is off at 0. */
  writable(preview: P): number;
  counts(preview: P): string;
  /** What stands between the column list and the buttons: the table and its notes. */
  renderPreview(preview: P): ReactNode;
  renderDone(done: D): ReactNode;
  onClose(): void;
  onImported(): void;
}

export function SpreadsheetImport<P extends { columns: readonly { header: string; field: unknown }[] }, D>(
  props: SpreadsheetImportProps<P, D>,
) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { texts, close, testId, task } = kinds[props.kind];
  const [stage, setStage] = useState<Stage<P, D>>({ kind: 'choose' });
  const [error, setError] = useState<AppErrorShape | null>(null);

  const requestPreview = async (file: PickedFile) => {
    setError(null);
    const result = await props.readPreview(file);
    if (result.ok) setStage({ kind: 'preview', file, preview: result.value });
    else {
      setError(result.error);
      setStage({ kind: 'choose' });
    }
  };

  const confirm = async (file: PickedFile) => {
    setError(null);
    setStage({ kind: 'importing' });
    const result = await props.runImport(file);
    if (result.ok) {
      setStage({ kind: 'done', done: result.value });
      props.onImported();
    } else {
      setError(result.error);
      setStage({ kind: 'choose' });
    }
  };

  const writable = stage.kind === 'preview' ? props.writable(stage.preview) : 0;
  return (
    <div className="form">
      {stage.kind === 'choose' || stage.kind === 'reading' ? (
        <SpreadsheetFileField
          id={`${testId}-file`}
          testId={`${testId}-file`}
          label={t(`${texts}.file`)}
          hint={t(`${texts}.hint`)}
          tooBigText={t(`${texts}.tooBig`)}
          isReading={stage.kind === 'reading'}
          onReading={() => setStage({ kind: 'reading' })}
          onRefused={() => setError(null)}
          onPicked={(file) => void requestPreview(file)}
        />
      ) : null}
      {error ? <ErrorNotice error={error} title={t('imports.failed')} /> : null}
      {stage.kind === 'choose' ? <ImportFormat kind={props.kind} /> : null}
      {stage.kind === 'preview' ? (
        <div className="frame-preview" data-testid={`${testId}-preview`}>
          <p data-testid={`${testId}-counts`}>{props.counts(stage.preview)}</p>
          <p className="muted" data-testid={`${testId}-columns`}>
            {t(`${texts}.columns`)}{' '}
            {joinList(stage.preview.columns.map((c) => (c.field ? c.header : `${c.header}${inParens(t(`${texts}.ignored`), language)}`)), language)}
          </p>
          {props.renderPreview(stage.preview)}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              data-testid={`${testId}-confirm`}
              disabled={writable === 0}
              onClick={() => void confirm(stage.file)}
            >
              {t(`${texts}.confirm`, { n: formatCount(writable, language) })}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setStage({ kind: 'choose' })}>
              {t(`${texts}.another`)}
            </button>
          </div>
        </div>
      ) : null}
      <TaskProgressLine
        kind={task}
        isActive={stage.kind === 'reading' || stage.kind === 'importing'}
        idleText={stage.kind === 'importing' ? t(`${texts}.importing`) : t(`${texts}.reading`)}
        testId={`${testId}-progress`}
      />
      {stage.kind === 'done' ? props.renderDone(stage.done) : null}
      <div className="dialog__close">
        <button type="button" className="button button--secondary" data-testid={`${testId}-close`} onClick={props.onClose}>
          {t(close)}
        </button>
      </div>
    </div>
  );
}

/** The scrolling preview table: the row number first, then the dialog's own columns. */
export function ImportPreviewTable({ rowText, headings, children }: { rowText: string; headings: readonly string[]; children: ReactNode }) {
  return (
    <div className="frame-preview__scroll">
      <table className="data-table frame-preview__table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {rowText}
            </th>
            {headings.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

type Problem = { column: string; messageZh: string; messageEn: string };

/** A preview row's errors, then its warnings, then whatever else the dialog adds (`children`). */
export function ImportProblems(props: {
  errors: readonly Problem[];
  warnings: readonly Problem[];
  text(problem: Problem): string;
  errorTestId: string;
  warningTestId?: string;
  children?: ReactNode;
}) {
  return (
    <ul className="frame-problems">
      {props.errors.map((p) => (
        <li key={`e:${p.column}:${p.messageZh}`} className="note note--mandatory" data-testid={props.errorTestId}>
          {props.text(p)}
        </li>
      ))}
      {props.warnings.map((p) => (
        <li key={`w:${p.column}:${p.messageZh}`} className="note note--verify" data-testid={props.warningTestId}>
          {props.text(p)}
        </li>
      ))}
      {props.children}
    </ul>
  );
}
