import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../../../shared/review';
import type { AppErrorShape } from '../../../../../shared/result';
import type { JsonValue } from '../../../../../shared/sync/protocol';
import { unitStatuses } from '../../../../../shared/units';
import { subHref } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { textToValue } from '../../registration/form/draft';
import { itemOf, itemPlace, showValue } from '../../../lib/item-path';

// Same-field conflicts from sync (issue 6 §2): the unit, the item, both values with who wrote
// them and when, and which one the server keeps for now. The supervisor keeps one or types a
// third; the choice is an operation like any edit (recorded, synced, attributable).

const isItemField = (field: string) => itemOf(field) !== undefined;

function fieldLabel(field: string, language: 'zh-CN' | 'en', t: (k: 'conflicts.fields.status' | 'conflicts.fields.name') => string): string {
  if (isItemField(field)) return itemPlace(field, language);
  if (field === 'status') return t('conflicts.fields.status');
  if (field === 'name') return t('conflicts.fields.name');
  return field;
}

function useShow() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (field: string, value: JsonValue): string => {
    if (field === 'status' && typeof value === 'string' && (unitStatuses as readonly string[]).includes(value)) {
      return t(`unitStatus.${value as (typeof unitStatuses)[number]}`);
    }
    return showValue(field, value, language);
  };
}

/** What the user typed as a third value, stored the way the form stores that item. */
function typedValue(field: string, text: string): JsonValue {
  const item = itemOf(field);
  if (!item) return text.trim() === '' ? null : text.trim();
  const value = textToValue(item, text);
  return value === undefined || Array.isArray(value) ? null : value;
}

function Side({ label, side, isWinner, field }: { label: string; side: ConflictView['current']; isWinner: boolean; field: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const show = useShow();
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
  const show = useShow();
  const [other, setOther] = useState('');
  const [isTyping, setIsTyping] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const resolve = async (choice: 'current' | 'incoming' | 'other') => {
    setIsBusy(true);
    setError(null);
    const result = await call('conflicts:resolve', {
      conflictId: c.conflictId,
      choice,
      ...(choice === 'other' ? { value: typedValue(c.field, other) } : {}),
    });
    setIsBusy(false);
    if (result.ok) onResolved(result.value);
    else setError(result.error);
  };
  const disabled = !canResolve || isBusy;
  return (
    <li className="conflict-card" data-testid={`conflict-${c.conflictId}`} data-field={c.field}>
      <div className="conflict-card__head">
        <h3 className="conflict-card__unit">
          {c.unitName ? (
            <a href={subHref('review', 'unit', c.unitId)}>{c.unitName}</a>
          ) : (
            <code>{c.unitId}</code>
          )}
        </h3>
        <span className="conflict-card__field">{fieldLabel(c.field, language, t)}</span>
        <span className="mono muted">{c.areaCode}</span>
        <span className="muted">{t('conflicts.since', { time: formatDateTime(c.createdAt, language) })}</span>
        {c.isOwn ? <span className="badge">{t('conflicts.own')}</span> : null}
      </div>
      <div className="conflict-card__sides">
        <Side label={t('conflicts.current')} side={c.current} isWinner={c.winner === 'current'} field={c.field} />
        <Side label={t('conflicts.incoming')} side={c.incoming} isWinner={c.winner === 'incoming'} field={c.field} />
      </div>
      {c.pendingResolution ? (
        <p className="notice notice--info" data-testid="conflict-pending">
          {t('conflicts.pending', { value: show(c.field, c.pendingResolution.value), time: formatDateTime(c.pendingResolution.at, language) })}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      {canResolve ? (
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
                onChange={(e) => setOther(e.target.value)}
              />
              <button type="submit" className="button button--primary" data-testid="conflict-other-save" disabled={disabled}>
                {t('conflicts.otherSave')}
              </button>
            </form>
          ) : (
            <button type="button" className="link-button" data-testid="conflict-other" onClick={() => setIsTyping(true)}>
              {t('conflicts.other')}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}

export function ConflictsPage({ canResolve }: { canResolve: boolean }) {
  const { t } = useTranslation();
  const [list, setList] = useState<ConflictView[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    void call('conflicts:list', undefined).then((result) => {
      if (!isCurrent) return;
      if (result.ok) {
        setList(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      isCurrent = false;
    };
  }, [attempt]);
  return (
    <div className="conflicts" data-testid="conflicts-page" data-count={list?.length ?? ''}>
      <p className="muted">{t('conflicts.explain')}</p>
      {!canResolve ? <p className="notice notice--info">{t('conflicts.readOnly')}</p> : null}
      {error ? <ErrorNotice error={error} onRetry={() => setAttempt((a) => a + 1)} /> : null}
      {list === null ? null : list.length === 0 ? (
        <EmptyState testId="conflicts-none" title={t('conflicts.none')} body={t('conflicts.noneBody')} />
      ) : (
        <ul className="conflict-list">
          {list.map((c) => (
            <ConflictCard key={c.conflictId} c={c} canResolve={canResolve} onResolved={setList} />
          ))}
        </ul>
      )}
    </div>
  );
}
