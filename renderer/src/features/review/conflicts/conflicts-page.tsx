import { useState } from 'react';
import type { LoadedPack } from '@shared/packs/load';
import { useCurrentPack } from '../../forms/packs-store';
import { useTranslation } from 'react-i18next';
import type { FormsDoc } from '@shared/registration/registration';
import type { ConflictView } from '@shared/review/conflicts';
import { fieldItem, valueRefusals } from '@shared/rules/value-checks';
import type { AppErrorShape } from '@shared/result';
import type { JsonValue } from '@shared/sync/protocol';
import { useLanguage } from '../../../app/store';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { useCall } from '../../../lib/use-call';
import { formatDateTime } from '../../../lib/format';
import { textToValue } from '../../registration/form/draft';
import { itemOf } from '../../../lib/item-path';
import { canTypeValue, recordFieldText, recordHref, recordKindText, recordValueText, typedFigure } from '../../../lib/record-field-text';

// Same-field conflicts from sync, of any kind of record (a unit's item, an enterprise's ledger
// figure, a verification step…): the record, the field, both values with who wrote them and
// when, and which one the server keeps for now. The supervisor keeps one or types a third where
// the field takes typing; the choice is an operation like any edit (recorded, synced, attributable).

function useShow(entity: string) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  return (field: string, value: JsonValue): string => recordValueText(entity, pack, field, value, language, t);
}

/** What the user typed as a third value, stored the way the form stores that item. */
function typedValue(pack: LoadedPack | null, field: string, text: string): JsonValue {
  const item = itemOf(pack, field);
  if (!item) return text.trim() === '' ? null : text.trim();
  const value = textToValue(item, text);
  return value === undefined || Array.isArray(value) ? null : value;
}

/**
 * Why the typed value would be refused, in the UI's language: the item's own checks (format,
 * code list, range, an identifier's structure) on the value in the unit's form, as main runs
 * them before it records the resolution. [] while nothing is typed or the value is fine.
 */
function typedProblems(pack: LoadedPack | null, field: string, value: JsonValue, forms: FormsDoc | null, language: 'zh-CN' | 'en'): string[] {
  const target = pack ? fieldItem(pack, field) : null;
  if (!target || value === null || typeof value === 'object') return [];
  const today = new Date().toISOString().slice(0, 10);
  const refusals = valueRefusals(target, forms?.[target.spec.id] ?? {}, value, { today, ...(forms ? { forms } : {}) });
  return refusals.map((f) => (language === 'en' ? f.messageEn : f.messageZh));
}

function Side({ label, side, isWinner, entity, field }: { label: string; side: ConflictView['current']; isWinner: boolean; entity: string; field: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const show = useShow(entity);
  return (
    <div className={`conflict-side${isWinner ? ' conflict-side--winner' : ''}`}>
      <p className="conflict-side__label">
        {label}
        {isWinner ? <span className="badge">{t('conflicts.provisional')}</span> : null}
      </p>
      <p className="conflict-side__value" data-testid="conflict-value">
        {show(field, side.value)}
      </p>
      <p className="conflict-side__by muted">
        {side.userName || t('conflicts.unknownUser')} · {formatDateTime(side.at, language)}
      </p>
    </div>
  );
}

function ConflictCard({ c, canResolve, onResolved }: { c: ConflictView; canResolve: boolean; onResolved(list: ConflictView[]): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  const show = useShow(c.entity);
  const [other, setOther] = useState('');
  const [isTyping, setIsTyping] = useState(false);
  const [forms, setForms] = useState<FormsDoc | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  // A ledger figure is typed in its form unit (万千瓦时 with decimals…); a unit's item as its form types it.
  const figure = isTyping ? typedFigure(c.entity, c.field, other, language, t) : null;
  const typed = figure ? figure.value : typedValue(pack, c.field, other);
  const problems = !isTyping || other.trim() === '' ? [] : figure ? figure.problems : typedProblems(pack, c.field, typed, forms, language);
  const startTyping = () => {
    setIsTyping(true);
    if (c.entity !== 'unit') return;
    // The unit's form, so the typed value is checked where it will go (skip logic included).
    void call('units:get', { id: c.entityId }).then((result) => {
      if (result.ok) setForms(result.value.forms);
    });
  };
  const resolve = async (choice: 'current' | 'incoming' | 'other') => {
    setIsBusy(true);
    setError(null);
    const result = await call('conflicts:resolve', {
      conflictId: c.conflictId,
      choice,
      ...(choice === 'other' ? { value: typed } : {}),
    });
    setIsBusy(false);
    if (result.ok) onResolved(result.value);
    else setError(result.error);
  };
  const disabled = !canResolve || isBusy;
  const href = recordHref(c.entity, c.entityId);
  return (
    <li className="conflict-card" data-testid={`conflict-${c.conflictId}`} data-field={c.field}>
      <div className="conflict-card__head">
        <h3 className="conflict-card__unit">
          {c.entity !== 'unit' ? <span className="badge" data-testid="conflict-kind">{recordKindText(c.entity, t)}</span> : null}{' '}
          {c.entityName && href ? <a href={href}>{c.entityName}</a> : c.entityName ? c.entityName : <code>{c.entityId}</code>}
        </h3>
        <span className="conflict-card__field" data-testid="conflict-field">
          {recordFieldText(c.entity, pack, c.field, language, t)}
        </span>
        <span className="mono muted">{c.areaCode}</span>
        <span className="muted">{t('conflicts.since', { time: formatDateTime(c.createdAt, language) })}</span>
        {c.isOwn ? <span className="badge">{t('conflicts.own')}</span> : null}
      </div>
      <div className="conflict-card__sides">
        <Side label={t('conflicts.current')} side={c.current} isWinner={c.winner === 'current'} entity={c.entity} field={c.field} />
        <Side label={t('conflicts.incoming')} side={c.incoming} isWinner={c.winner === 'incoming'} entity={c.entity} field={c.field} />
      </div>
      {c.pendingResolution ? (
        <p className="notice notice--info" data-testid="conflict-pending">
          {t('conflicts.pending', { value: show(c.field, c.pendingResolution.value), time: formatDateTime(c.pendingResolution.at, language) })}
        </p>
      ) : null}
      {error ? (
        <div className="conflict-card__error">
          <ErrorNotice error={error} onDismiss={() => setError(null)} />
          {error.issues && error.issues.length > 0 ? (
            <ul className="issues" data-testid="conflict-refusal">
              {error.issues.map((i) => (
                <li key={`${i.path}:${i.message}`}>{i.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {/* Resolved here: the choice waits for the next sync; choosing again would only queue a second op. */}
      {canResolve && !c.pendingResolution ? (
        <div className="conflict-card__actions">
          <button type="button" className="button button--secondary" data-testid="conflict-keep-current" disabled={disabled} onClick={() => void resolve('current')}>
            {t('conflicts.keepCurrent')}
          </button>
          <button type="button" className="button button--secondary" data-testid="conflict-keep-incoming" disabled={disabled} onClick={() => void resolve('incoming')}>
            {t('conflicts.keepIncoming')}
          </button>
          {isTyping ? (
            <form
              className="conflict-card__other"
              onSubmit={(e) => {
                e.preventDefault();
                void resolve('other');
              }}
            >
              <label htmlFor={`other-${c.conflictId}`}>{t('conflicts.otherLabel')}</label>
              <input
                id={`other-${c.conflictId}`}
                type="text"
                className="field__input"
                data-testid="conflict-other-input"
                maxLength={2000}
                value={other}
                aria-invalid={problems.length > 0 ? true : undefined}
                aria-describedby={problems.length > 0 ? `other-${c.conflictId}-problems` : undefined}
                onChange={(e) => setOther(e.target.value)}
              />
              <button type="submit" className="button button--primary" data-testid="conflict-other-save" disabled={disabled || problems.length > 0}>
                {t('conflicts.otherSave')}
              </button>
              {problems.length > 0 ? (
                <ul className="conflict-card__problems" id={`other-${c.conflictId}-problems`} data-testid="conflict-other-problems">
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : null}
            </form>
          ) : canTypeValue(c.entity, c.field) ? (
            <button type="button" className="link-button" data-testid="conflict-other" onClick={startTyping}>
              {t('conflicts.other')}
            </button>
          ) : (
            <span className="muted">{t('conflicts.noTyping')}</span>
          )}
        </div>
      ) : null}
    </li>
  );
}

export function ConflictsPage({ canResolve }: { canResolve: boolean }) {
  const { t } = useTranslation();
  const conflicts = useCall('conflicts:list', undefined);
  const { value: list, error } = conflicts;
  return (
    <div className="conflicts" data-testid="conflicts-page" data-count={list?.length ?? ''}>
      <p className="muted">{t('conflicts.explain')}</p>
      {!canResolve ? <p className="notice notice--info">{t('conflicts.readOnly')}</p> : null}
      {error ? <ErrorNotice error={error} onRetry={conflicts.refetch} /> : null}
      {list === null ? null : list.length === 0 ? (
        <EmptyState testId="conflicts-none" title={t('conflicts.none')} body={t('conflicts.noneBody')} />
      ) : (
        <ul className="conflict-list">
          {list.map((c) => (
            <ConflictCard key={c.conflictId} c={c} canResolve={canResolve} onResolved={conflicts.replace} />
          ))}
        </ul>
      )}
    </div>
  );
}
