import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseDetail } from '@shared/directory/directory';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../../components/error-notice';
import { useLanguage } from '../../../app/store';
import { call } from '../../../lib/api';
import { colon } from '../../../lib/format';
import { base64ToBytes, downloadBytes } from '../../../lib/file-bytes';
import { useEnterprise } from '../../directory/enterprise/enterprise-store';
import { ContactNotes } from './contact-notes';
import { MaterialsList } from './materials-list';
import { StageControl } from './stage-control';

// 入规纳统 for one enterprise: where it stands in the workflow, who follows it, every contact,
// the application materials, and the one-click package (12-month ledger and materials, XLSX).

function PackageExport({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const run = async () => {
    setError(null);
    setIsBusy(true);
    const result = await call('package:export', { enterpriseId });
    setIsBusy(false);
    if (!result.ok) return setError(result.error);
    downloadBytes(base64ToBytes(result.value.contentBase64), result.value.fileName, result.value.mimeType);
  };
  return (
    <div className="package-export">
      <button type="button" className="button button--primary" data-testid="package-export" disabled={isBusy} onClick={() => void run()}>
        {isBusy ? t('directory.exporting') : t('directory.followup.exportPackage')}
      </button>
      <span className="field__hint">{t('directory.followup.exportHint')}</span>
      {error ? <ErrorNotice error={error} title={t('directory.exportFailed')} /> : null}
    </div>
  );
}

export function FollowUpPanel({ detail }: { detail: EnterpriseDetail }) {
  const language = useLanguage();
  const { t } = useTranslation();
  const followUp = useEnterprise((s) => s.followUp);
  const reloadFollowUp = useEnterprise((s) => s.reloadFollowUp);
  const view = followUp.value;
  return (
    <div className="followup" data-testid="followup-panel">
      {followUp.error ? <ErrorNotice error={followUp.error} onRetry={() => void reloadFollowUp()} /> : null}
      {view ? (
        <>
          <div className="followup__top">
            <p>
              {t('directory.fields.liaison')}
              {colon(language)}
              <strong data-testid="followup-liaison">{view.liaison || detail.liaison || t('directory.followup.noLiaison')}</strong>
            </p>
            <PackageExport enterpriseId={detail.id} />
          </div>
          <div className="followup__columns">
            <StageControl view={view} />
            <MaterialsList view={view} />
          </div>
          <ContactNotes view={view} />
        </>
      ) : followUp.isLoading ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
    </div>
  );
}
