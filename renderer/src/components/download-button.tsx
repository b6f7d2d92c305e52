import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileDownload } from '@shared/directory/directory';
import type { AppErrorShape, Result } from '@shared/result';
import { base64ToBytes, downloadBytes } from '../lib/file-bytes';
import { ErrorNotice } from './error-notice';

// A button that asks main for a file (an XLSX it built) and saves it as a download; busy while
// main works, and main's refusal shown beside it.

export function DownloadButton(props: { label: string; testId: string; request(): Promise<Result<FileDownload>> }) {
  const { t } = useTranslation();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const run = async () => {
    setIsBusy(true);
    setError(null);
    const result = await props.request();
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadBytes(base64ToBytes(result.value.contentBase64), result.value.fileName, result.value.mimeType);
  };
  return (
    <>
      <button type="button" className="button button--secondary" data-testid={props.testId} disabled={isBusy} onClick={() => void run()}>
        {isBusy ? t('directory.exporting') : props.label}
      </button>
      {error ? <ErrorNotice error={error} title={t('directory.exportFailed')} onDismiss={() => setError(null)} /> : null}
    </>
  );
}
