import { useTranslation } from 'react-i18next';
import type { IndicatorDef } from '@shared/ledger/indicators';
import { useLanguage } from '../../app/store';
import { dismissNotice, useLedgerSelection } from './ledger-selection';

// What the last copy or paste did, above the grid: how many cells were pasted (and that Ctrl+Z
// takes them back), or why a paste was refused with the refused cells named (they are also
// marked in the grid). Dismissing a refusal takes the marks away.

const MAX_LISTED = 6;

export function PasteNotice({ defs, onUndo }: { defs: readonly IndicatorDef[]; onUndo(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const notice = useLedgerSelection((s) => s.notice);
  const canUndo = useLedgerSelection((s) => s.lastPaste !== null);
  if (!notice) return null;
  const nameOf = (col: number) => {
    const d = defs[col];
    return d ? (language === 'en' ? d.en : d.zh) : '';
  };
  const where = (p: { row: number; col: number }) => t('directory.ledger.paste.at', { month: p.row + 1, indicator: nameOf(p.col) });
  const text = ((): string => {
    switch (notice.kind) {
      case 'pasted':
        return t('directory.ledger.paste.pasted', { count: notice.count, rows: notice.rows, cols: notice.cols, at: where(notice.start) }) +
          (notice.cleared > 0 ? t('directory.ledger.paste.cleared', { n: notice.cleared }) : '');
      case 'same':
        return t('directory.ledger.paste.same');
      case 'misfit':
        return t('directory.ledger.paste.misfit', { rows: notice.rows, cols: notice.cols, at: where(notice.start) });
      case 'invalid':
        return t('directory.ledger.paste.invalid', { n: notice.bad.length });
      case 'copied':
        return t('directory.ledger.paste.copied', { rows: notice.rows, cols: notice.cols });
      case 'undone':
        return t('directory.ledger.paste.undone', { count: notice.count });
      case 'editing':
        return t('directory.ledger.paste.editing');
      case 'failed':
        return t('directory.ledger.paste.failed', { reason: t(`errors.${notice.error.code}`) });
    }
  })();
  const isProblem = notice.kind === 'misfit' || notice.kind === 'invalid' || notice.kind === 'failed' || notice.kind === 'editing';
  return (
    <div
      className={`notice ${isProblem ? 'notice--warn' : 'notice--info'} ledger-paste`}
      role={isProblem ? 'alert' : 'status'}
      data-testid="ledger-paste-notice"
      data-kind={notice.kind}
    >
      <div className="notice__text">
        <p>{text}</p>
        {notice.kind === 'invalid' ? (
          <ul className="ledger-paste__bad" data-testid="ledger-paste-bad">
            {notice.bad.slice(0, MAX_LISTED).map((b) => (
              <li key={`${b.month}.${b.indicator}`}>
                {t('directory.ledger.paste.badCell', {
                  cell: where(b),
                  text: b.text,
                  reason: t(`directory.ledger.paste.reasons.${b.reason}`),
                })}
              </li>
            ))}
            {notice.bad.length > MAX_LISTED ? <li>{t('directory.ledger.paste.more', { n: notice.bad.length - MAX_LISTED })}</li> : null}
          </ul>
        ) : null}
      </div>
      <div className="notice__actions">
        {notice.kind === 'pasted' && canUndo ? (
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="ledger-paste-undo"
            onClick={onUndo}
          >
            {t('directory.ledger.paste.undo')}
          </button>
        ) : null}
        <button type="button" className="button button--secondary button--small" data-testid="ledger-paste-dismiss" onClick={dismissNotice}>
          {t('app.dismiss')}
        </button>
      </div>
    </div>
  );
}
