import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '@shared/ipc/contract';
import type { EvidenceItem } from '@shared/ledger/wire';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { Dialog } from '../registration/dialog';
import { base64ToBytes, bytesToObjectUrl, downloadBytes } from '../../lib/file-bytes';
import { FiguresText } from './figures-text';

// One evidence file: an image is shown in place (a blob: URL, which the CSP allows for img);
// a PDF or spreadsheet is offered as a download (the CSP allows no frames). Removing it needs a
// reason, and the change trace keeps who removed what.

export function EvidenceViewer({ item, onClose, onRemoved }: { item: EvidenceItem; onClose(): void; onRemoved(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [content, setContent] = useState<Output<'evidence:get'> | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [isRemoving, setIsRemoving] = useState(false);
  const isImage = item.mimeType.startsWith('image/');

  useEffect(() => {
    let isCurrent = true;
    let objectUrl: string | null = null;
    void call('evidence:get', { id: item.id }).then((result) => {
      if (!isCurrent) return;
      if (!result.ok) return setError(result.error);
      setContent(result.value);
      if (isImage && result.value.contentBase64) {
        objectUrl = bytesToObjectUrl(result.value.contentBase64, item.mimeType);
        setUrl(objectUrl);
      }
    });
    return () => {
      isCurrent = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [item.id, item.mimeType, isImage]);

  const remove = async () => {
    setError(null);
    const result = await call('evidence:remove', { id: item.id, reason: reason.trim() });
    if (result.ok) onRemoved();
    else setError(result.error);
  };

  return (
    <Dialog title={item.fileName} testId="evidence-viewer" onClose={onClose} isWide>
      <div className="form">
        <dl className="facts">
          <dt>{t('directory.evidence.kind')}</dt>
          <dd>{t(`directory.evidence.kinds.${item.kind}`)}</dd>
          <dt>{t('directory.evidence.note')}</dt>
          <dd>{item.note || '—'}</dd>
          <dt>{t('directory.evidence.figures')}</dt>
          <dd>
            <FiguresText figures={item.figures} />
          </dd>
          <dt>{t('directory.evidence.added')}</dt>
          <dd>
            {item.createdBy} · {formatDateTime(item.createdAt, language)}
          </dd>
          <dt>{t('directory.evidence.fingerprint')}</dt>
          <dd className="mono path">{item.sha256}</dd>
        </dl>
        {error ? <ErrorNotice error={error} /> : null}
        {content && content.contentBase64 === null ? <p className="notice notice--warn">{t('directory.evidence.notHere')}</p> : null}
        {url ? <img className="evidence-image" src={url} alt={item.note || item.fileName} data-testid="evidence-image" /> : null}
        {content?.contentBase64 ? (
          <div>
            <button
              type="button"
              className="button button--secondary"
              data-testid="evidence-download"
              onClick={() => content.contentBase64 && downloadBytes(base64ToBytes(content.contentBase64), item.fileName, item.mimeType)}
            >
              {t('directory.evidence.download')}
            </button>
          </div>
        ) : null}
        <details className="dir-details">
          <summary>{t('directory.evidence.remove')}</summary>
          <div className="dir-inline">
            <input className="field__input" value={reason} maxLength={500} placeholder={t('directory.evidence.removeReason')} onChange={(e) => setReason(e.target.value)} />
            <button
              type="button"
              className="button button--secondary"
              disabled={reason.trim().length < 2 || isRemoving}
              onClick={() => {
                setIsRemoving(true);
                void remove().finally(() => setIsRemoving(false));
              }}
            >
              {t('directory.evidence.removeConfirm')}
            </button>
          </div>
        </details>
        <div className="dialog__close">
          <button type="button" className="button button--secondary" data-testid="evidence-viewer-close" onClick={onClose}>
            {t('directory.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
