import { useTranslation } from 'react-i18next';
import type { LoadedPack } from '@shared/packs/load';
import { refsOf } from '@shared/forms/refs';
import type { Language } from '@shared/session/settings';
import { hrefFor } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { formName } from '../../../lib/item-path';
import { useFormPack } from '../../forms/pack-context';
import { ErrorNotice } from '../../../components/error-notice';
import { colon, formatDateTime } from '../../../lib/format';
import { StatusChip } from '../status-chip';
import { PrintLink } from './print-link';
import { SyncRefusedNotice } from '../../sync/refused-mark';
import { useUnitSession, type KeptEdits } from './session-store';
import { UnitFacts } from './unit-facts';
import { CountyNotice } from './county-notice';

/** The kept edits as “611表 · 法定代表人：王建国”, for the conflict notice. */
function keptLines(pack: LoadedPack, kept: KeptEdits, language: Language, blank: string): string[] {
  const lines: string[] = [];
  for (const [formId, changes] of Object.entries(kept.forms)) {
    const spec = pack.form(formId);
    for (const [code, value] of Object.entries(changes)) {
      const item = spec ? refsOf(spec).get(code)?.item : undefined;
      const label = item ? (language === 'en' ? item.labelEn : item.labelZh) : code;
      const form = spec ? formName(spec, language) : formId;
      const shown = value === null ? blank : Array.isArray(value) ? `${value.length}` : String(value);
      lines.push(`${form} · ${label}${colon(language)}${shown}`);
    }
  }
  return lines;
}

/** Name, status, USCC and area of the open unit; the autosave state; conflict and save errors. */
export function UnitHeader() {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useFormPack();
  const detail = useUnitSession((s) => s.detail);
  const saveState = useUnitSession((s) => s.saveState);
  const savedAt = useUnitSession((s) => s.savedAt);
  const saveError = useUnitSession((s) => s.saveError);
  const kept = useUnitSession((s) => s.kept);
  const reapplyKept = useUnitSession((s) => s.reapplyKept);
  const discardKept = useUnitSession((s) => s.discardKept);
  const flush = useUnitSession((s) => s.flush);
  if (!detail) return null;

  const saveText = kept
    ? t('registration.unit.conflictState')
    : saveState === 'saving'
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
        <span className={`save-state save-state--${kept ? 'error' : saveState}`} role="status" data-testid="save-state">
          {saveText}
        </span>
        <PrintLink unitId={detail.id} isIndividual={detail.kind === 'individual'} />
      </div>
      <UnitFacts unit={detail} usccTestId="unit-uscc" />
      {detail.syncRefused ? <SyncRefusedNotice refusal={detail.syncRefused} /> : null}
      {detail.county ? <CountyNotice county={detail.county} /> : null}
      {detail.status === 'not_found' && detail.notFoundReason ? (
        <p className="notice notice--info" data-testid="not-found-reason-shown">
          <strong>{t('registration.notFound.recorded')}</strong> {detail.notFoundReason}
        </p>
      ) : null}
      {detail.status === 'out_of_scope' && detail.outOfScopeReason ? (
        <p className="notice notice--info" data-testid="out-of-scope-reason-shown">
          <strong>{t('registration.outOfScope.recorded')}</strong> {detail.outOfScopeReason}
        </p>
      ) : null}
      {kept ? (
        <div className="notice notice--warn" role="alert" data-testid="conflict-notice">
          <div className="notice__text">
            <p>{t('registration.unit.conflict')}</p>
            <ul className="kept" data-testid="conflict-kept">
              {keptLines(pack, kept, language, t('registration.history.blank')).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
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
