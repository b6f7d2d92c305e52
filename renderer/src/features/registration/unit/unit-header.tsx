import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { formatDateTime } from '../../../lib/format';
import { StatusChip } from '../status-chip';
import { useUnitSession } from './session-store';

/** Name, status, USCC and area of the open unit; the autosave state; conflict and save errors. */
export function UnitHeader() {
  const { t } = useTranslation();
  const language = useLanguage();
  const detail = useUnitSession((s) => s.detail);
  const saveState = useUnitSession((s) => s.saveState);
  const savedAt = useUnitSession((s) => s.savedAt);
  const saveError = useUnitSession((s) => s.saveError);
  const kept = useUnitSession((s) => s.kept);
  const reapplyKept = useUnitSession((s) => s.reapplyKept);
  const discardKept = useUnitSession((s) => s.discardKept);
  const flush = useUnitSession((s) => s.flush);
  if (!detail) return null;

  const saveText =
    saveState === 'saving'
      ? t('registration.unit.saving')
      : saveState === 'pending'
        ? t('registration.unit.unsaved')
        : saveState === 'error'
          ? t('registration.unit.saveFailed')
          : savedAt
            ? t('registration.unit.savedAt', { time: formatDateTime(savedAt, language) })
            : t('registration.unit.upToDate');

  return (
    <header className="unit-header">
      <p className="unit-header__back">
        <a href={hrefFor('registration')} data-testid="back-to-list">
          {t('registration.unit.back')}
        </a>
      </p>
      <div className="unit-header__title-row">
        <h1 className="page__title" data-testid="unit-name">
          {detail.name || t('registration.unit.unnamed')}
        </h1>
        <StatusChip status={detail.status} testId="unit-status" />
        {detail.duplicateIds.length > 0 ? (
          <span className="badge badge--warn" data-testid="unit-duplicate">
            {t('registration.list.duplicate')}
          </span>
        ) : null}
        <span className={`save-state save-state--${saveState}`} role="status" data-testid="save-state">
          {saveText}
        </span>
      </div>
      <dl className="unit-header__facts">
        <div>
          <dt>{t('registration.list.uscc')}</dt>
          <dd className="mono" data-testid="unit-uscc">
            {detail.uscc || '—'}
          </dd>
        </div>
        <div>
          <dt>{t('registration.list.area')}</dt>
          <dd className="mono">{detail.areaCode}</dd>
        </div>
        <div>
          <dt>{t('registration.unit.kind')}</dt>
          <dd>{t(`registration.kinds.${detail.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('registration.unit.source')}</dt>
          <dd>{t(`registration.unit.sources.${detail.source}`)}</dd>
        </div>
      </dl>
      {detail.status === 'not_found' && detail.notFoundReason ? (
        <p className="notice notice--info" data-testid="not-found-reason-shown">
          <strong>{t('registration.notFound.recorded')}</strong> {detail.notFoundReason}
        </p>
      ) : null}
      {kept ? (
        <div className="notice notice--warn" role="alert" data-testid="conflict-notice">
          <p className="notice__text">{t('registration.unit.conflict')}</p>
          <div className="notice__actions">
            <button type="button" className="button button--primary" data-testid="conflict-reapply" onClick={reapplyKept}>
              {t('registration.unit.reapply')}
            </button>
            <button type="button" className="button button--secondary" data-testid="conflict-discard" onClick={discardKept}>
              {t('registration.unit.discard')}
            </button>
          </div>
        </div>
      ) : saveError ? (
        <>
          <ErrorNotice error={saveError} title={t('registration.unit.saveFailed')} onRetry={() => void flush()} />
          {saveError.code === 'PROFILE_INCOMPLETE' ? (
            <p>
              <a href={hrefFor('settings')}>{t('registration.unit.goToSettings')}</a>
            </p>
          ) : null}
        </>
      ) : null}
    </header>
  );
}
