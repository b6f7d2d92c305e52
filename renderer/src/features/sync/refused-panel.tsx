import { useState } from 'react';
import { useCurrentPack } from '../forms/packs-store';
import { useTranslation } from 'react-i18next';
import type { RejectedOp } from '@shared/sync/client-status';
import { rejectCodes } from '@shared/sync/protocol';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { joinList } from '../../lib/format';
import { itemOf, itemPlace } from '../../lib/item-path';
import { useSyncStore } from './store';
import { createdLabel } from './sync-lists';

// The refusals the user can act on (electron/main/sync/refused.ts): units whose creation the
// server refused (they exist only on this laptop until retried), and refused edits whose cause
// may pass. Retry records the change again from what the user sees now; a refused unit may
// also move to a 普查小区 the user holds. Final refusals stay in the full list below.

const isKnownCode = (code: string): code is (typeof rejectCodes)[number] => (rejectCodes as readonly string[]).includes(code);

/** The refused rows worth a place here: open refused creations (always), open edits that can be retried. */
export const actionableRefusals = (rows: readonly RejectedOp[]): RejectedOp[] =>
  rows.filter((r) => r.state === 'open' && (r.field === '$create' || r.isRetryable));

function useReason(): (r: RejectedOp) => string {
  const { t } = useTranslation();
  return (r) => {
    if (r.code === 'OUT_OF_SCOPE') return r.field === '$create' ? t('sync.refused.outOfScopeCreate', { area: r.areaCode }) : t('sync.refused.outOfScopeEdit');
    if (r.code === 'CLOCK_AHEAD') return t('sync.refused.clockAhead');
    return isKnownCode(r.code) ? t(`sync.rejectCodes.${r.code}`) : r.code;
  };
}

/** A 15-digit 普查小区 inside one of the user's areas, or the reason it is not. */
function checkArea(code: string, scope: readonly string[]): 'ok' | 'bad' | 'outside' {
  if (!/^\d{15}$/.test(code)) return 'bad';
  return scope.some((p) => code.startsWith(p)) ? 'ok' : 'outside';
}

function MoveForm({ row, scope, onDone }: { row: RejectedOp; scope: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const retryRefused = useSyncStore((s) => s.retryRefused);
  const isBusy = useSyncStore((s) => s.isBusy);
  const [code, setCode] = useState(scope.find((p) => p.length === 15) ?? scope[0] ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const verdict = checkArea(code.trim(), scope);
    if (verdict !== 'ok') {
      setProblem(verdict === 'bad' ? t('sync.refused.moveBadCode') : t('sync.refused.moveOutOfScope', { scope: joinList(scope, language) }));
      return;
    }
    setProblem(null);
    if (await retryRefused(row.id, code.trim())) onDone();
  };
  const inputId = `sync-move-${row.id}`;
  return (
    <form
      className="refused-move"
      data-testid="sync-refused-move-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field__label" htmlFor={inputId}>
        {t('sync.refused.moveLabel')}
      </label>
      <input
        id={inputId}
        className="field__input mono"
        inputMode="numeric"
        maxLength={15}
        value={code}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${inputId}-error` : undefined}
        data-testid="sync-refused-move-code"
        onChange={(e) => setCode(e.target.value)}
      />
      {problem ? (
        <p className="field__error" id={`${inputId}-error`} data-testid="sync-refused-move-error">
          {problem}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={isBusy} data-testid="sync-refused-move-confirm">
          {t('sync.refused.moveConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('sync.refused.moveCancel')}
        </button>
      </div>
    </form>
  );
}

function RefusedRow({ row, scope }: { row: RejectedOp; scope: readonly string[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  const reason = useReason();
  const retryRefused = useSyncStore((s) => s.retryRefused);
  const isBusy = useSyncStore((s) => s.isBusy);
  const [isMoving, setIsMoving] = useState(false);
  const what = row.field === '$create' ? createdLabel(row.entity, t) : itemOf(pack, row.field) ? itemPlace(pack, row.field, language) : row.field;
  const hint = !row.isRetryable
    ? t('sync.refused.final')
    : row.canRetryNow
      ? null
      : row.code === 'CLOCK_AHEAD'
        ? t('sync.refused.retryHintClock')
        : t('sync.refused.retryHintScope');
  const canMove = row.field === '$create' && row.code === 'OUT_OF_SCOPE' && row.entity === 'unit' && scope.length > 0;
  return (
    <tr data-testid="sync-refused-row" data-id={row.id} data-code={row.code} data-can-retry={row.canRetryNow}>
      <td className="refused-unit">
        {row.entity === 'unit' && row.unitName ? <a href={subHref('registration', 'unit', row.entityId)}>{row.unitName}</a> : <code>{row.entityId}</code>}
      </td>
      <td className="nowrap">{what}</td>
      <td title={row.message}>{reason(row)}</td>
      <td>
        <div className="refused-actions">
          {row.isRetryable ? (
            <button
              type="button"
              className="button button--primary"
              data-testid="sync-refused-retry"
              disabled={!row.canRetryNow || isBusy}
              onClick={() => void retryRefused(row.id)}
            >
              {t('sync.refused.retry')}
            </button>
          ) : null}
          {canMove && !isMoving ? (
            <button type="button" className="button button--secondary" data-testid="sync-refused-move" onClick={() => setIsMoving(true)}>
              {t('sync.refused.move')}
            </button>
          ) : null}
          {hint && !isMoving ? <p className="field__hint">{hint}</p> : null}
          {isMoving ? <MoveForm row={row} scope={scope} onDone={() => setIsMoving(false)} /> : null}
        </div>
      </td>
    </tr>
  );
}

export function RefusedPanel({ rows, scope }: { rows: readonly RejectedOp[]; scope: readonly string[] }) {
  const { t } = useTranslation();
  const open = actionableRefusals(rows);
  if (open.length === 0) return null;
  return (
    <section className="panel refused-panel" data-testid="sync-refused-open" data-count={open.length}>
      <h2 className="panel__title">{t('sync.refused.title')}</h2>
      <p>{t('sync.refused.explain')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('sync.columns.unit')}</th>
            <th scope="col">{t('sync.columns.field')}</th>
            <th scope="col">{t('sync.columns.reason')}</th>
            <th scope="col">{t('sync.refused.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {open.map((r) => (
            <RefusedRow key={r.id} row={r} scope={scope} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
