import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES } from '@shared/files/imports';
import { fileToBase64 } from '../lib/file-bytes';
import { ErrorNotice } from './error-notice';

// The file field of every CSV/XLSX import (listing frame, directory): refuses files over the
// limit and files that are neither CSV nor XLSX before reading them, reads the chosen file's
// bytes as base64 (files cross IPC as plain JSON) and hands them on; the dialog around it owns
// the preview and the import.

export interface PickedFile {
  fileName: string;
  contentBase64: string;
}

export interface SpreadsheetFileFieldProps {
  id: string;
  testId: string;
  label: string;
  hint: string;
  tooBigText: string;
  isReading: boolean;
  /** The file is acceptable and is being read. */
  onReading(): void;
  /** The file was refused before reading: an earlier file's error no longer applies. */
  onRefused?(): void;
  onPicked(file: PickedFile): void;
}

export function SpreadsheetFileField(props: SpreadsheetFileFieldProps) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    setRefusal(null);
    if (!file) return;
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setRefusal(t('imports.wrongType', { name: file.name }));
      props.onRefused?.();
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setRefusal(props.tooBigText);
      props.onRefused?.();
      return;
    }
    props.onReading();
    props.onPicked({ fileName: file.name, contentBase64: await fileToBase64(file) });
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="file"
        accept=".csv,.xlsx"
        data-testid={props.testId}
        disabled={props.isReading}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      <p className="field__hint">{props.hint}</p>
      {/* Refused before reading, shown as every other refusal of a file is (a notice, not a field error). */}
      {refusal ? (
        <div data-testid={`${props.testId}-refused`}>
          <ErrorNotice error={{ code: 'INVALID_INPUT', message: refusal, reason: { zh: refusal, en: refusal } }} title={t('imports.failed')} />
        </div>
      ) : null}
    </div>
  );
}
