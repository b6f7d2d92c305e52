import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForkInfo } from '@shared/sync/client-status';
import { useLanguage } from '../../app/store';
import { formatDateTime } from '../../lib/format';
import { useSyncStore } from './store';

// 本机数据与服务器记录不一致: shown at the top of the sync page while this laptop's op chain and
// the server's are parted (electron/main/sync/fork.ts). Says what happened and that nothing is
// lost, and offers the two ways out: export the unsent changes, and ask the bureau for a new
// chain branch (then follow its answer).

function RequestState({ fork }: { fork: ForkInfo }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { requestBranch, syncNow, isBusy } = useSyncStore();
  const request = fork.request;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, language) : '');
  if (!request) {
    return (
      <button type="button" className="button button--primary" data-testid="sync-fork-request" disabled={isBusy || fork.isTampered} onClick={() => void requestBranch()}>
        {isBusy ? t('sync.fork.requesting') : t('sync.fork.request')}
      </button>
    );
  }
  if (request.status === 'declined') {
    return (
      <>
        <p data-testid="sync-fork-request-state" data-status={request.status}>
          {t('sync.fork.declined', { by: request.decidedBy ?? '', time: when(request.decidedAt) })}
        </p>
        <button type="button" className="button button--secondary" data-testid="sync-fork-request" disabled={isBusy} onClick={() => void requestBranch()}>
          {t('sync.fork.requestAgain')}
        </button>
      </>
    );
  }
  const isApproved = request.status === 'approved' || request.status === 'completed';
  return (
    <>
      <p data-testid="sync-fork-request-state" data-status={request.status}>
        {isApproved
          ? t('sync.fork.approved', { by: request.decidedBy ?? '', time: when(request.decidedAt) })
          : t('sync.fork.pending', { id: request.id, time: when(request.requestedAt) })}
      </p>
      <button type="button" className="button button--secondary" data-testid="sync-fork-sync" disabled={isBusy} onClick={() => void syncNow()}>
        {t('sync.fork.syncNow')}
      </button>
    </>
  );
}

export function ForkPanel({ fork }: { fork: ForkInfo }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const exportUnsent = useSyncStore((s) => s.exportUnsent);
  const [exported, setExported] = useState<number | null>(null);
  const [isExporting, setIsExporting] = useState(false);
  const onExport = async () => {
    setIsExporting(true);
    setExported(await exportUnsent());
    setIsExporting(false);
  };
  return (
    <section className="panel fork-panel" role="alert" data-testid="sync-fork" data-seq={fork.seq} data-unsent={fork.unsent}>
      <h2 className="panel__title fork-panel__title">{t('sync.fork.title')}</h2>
      <p>{t('sync.fork.explain', { seq: fork.seq })}</p>
      <p data-testid="sync-fork-kept">
        <strong>{t('sync.fork.kept', { count: fork.unsent })}</strong>
      </p>
      {fork.isTampered ? (
        <p className="notice notice--error" data-testid="sync-fork-tampered">
          {t('sync.fork.tampered')}
        </p>
      ) : null}
      <p>{t('sync.fork.what')}</p>
      <div className="fork-panel__ways">
        <div className="fork-panel__way" data-testid="sync-fork-export-way">
          <h3>{t('sync.fork.exportTitle')}</h3>
          <p className="field__hint">{t('sync.fork.exportHint')}</p>
          <button type="button" className="button button--secondary" data-testid="sync-fork-export" disabled={isExporting || fork.unsent === 0} onClick={() => void onExport()}>
            {isExporting ? t('sync.fork.exporting') : t('sync.fork.export')}
          </button>
          {exported !== null ? (
            <p role="status" data-testid="sync-fork-exported">
              {t('sync.fork.exported', { count: exported })}
            </p>
          ) : null}
        </div>
        <div className="fork-panel__way" data-testid="sync-fork-branch-way">
          <h3>{t('sync.fork.branchTitle')}</h3>
          <p className="field__hint">{t('sync.fork.branchHint')}</p>
          <RequestState fork={fork} />
        </div>
      </div>
      <p className="field__hint">{t('sync.fork.found', { time: formatDateTime(fork.detectedAt, language) })}</p>
      {/* The server's words are English and technical: kept for support, folded away from the user. */}
      <details className="fork-panel__detail" data-testid="sync-fork-detail">
        <summary>{t('sync.fork.detail')}</summary>
        <p className="path">{fork.detail}</p>
      </details>
    </section>
  );
}
