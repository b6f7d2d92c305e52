import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape, Result } from '@shared/result';
import { ErrorNotice } from './error-notice';

// The change trace shown under a unit and under an enterprise: who, when, on which device,
// what action, each item from → to, and why, newest first. Read-only. Each caller brings how
// its trace is read and how its actions, times and items are worded; this owns the loading
// and the table, so both traces look alike.

/** Each trace's texts live under its own i18n prefix with the same keys; its test ids differ. */
const kinds = {
  enterprise: { texts: 'directory.history', testId: 'enterprise-history', rowTestId: 'enterprise-history-row', changeTestId: undefined },
  unit: { texts: 'registration.history', testId: 'unit-history', rowTestId: 'history-row', changeTestId: 'history-change' },
} as const;

export interface HistoryChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface HistoryRow {
  id: number;
  at: string;
  userName: string;
  deviceName: string;
  action: string;
  changes: HistoryChange[];
  reason: string | null;
}

export function ChangeHistoryTable(props: {
  kind: keyof typeof kinds;
  /** Reads the trace; a new function (its subject changed) reads it again. */
  load(): Promise<Result<HistoryRow[]>>;
  /** The subject's version: every save moves it, and the trace is read again so it is never stale. */
  version: number;
  formatAt(iso: string): string;
  actionText(action: string): string;
  /** The inside of one change's list item. */
  renderChange(change: HistoryChange): ReactNode;
}) {
  const { t } = useTranslation();
  const { texts, testId, rowTestId, changeTestId } = kinds[props.kind];
  const { load, version } = props;
  const [state, setState] = useState<{ rows: HistoryRow[] | null; error: AppErrorShape | null }>({ rows: null, error: null });

  useEffect(() => {
    let isCurrent = true;
    void load().then((result) => {
      if (isCurrent) setState(result.ok ? { rows: result.value, error: null } : { rows: null, error: result.error });
    });
    return () => {
      isCurrent = false;
    };
    // `version` is not read here: it is the reason to read again.
  }, [load, version]);

  return (
    <section className="history" data-testid={testId} aria-label={t(`${texts}.title`)}>
      {state.error ? <ErrorNotice error={state.error} /> : null}
      {state.rows === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <table className="data-table history__table">
          <thead>
            <tr>
              {(['at', 'user', 'device', 'action', 'changes', 'reason'] as const).map((column) => (
                <th key={column} scope="col">
                  {t(`${texts}.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...state.rows].reverse().map((row) => (
              <tr key={row.id} data-testid={rowTestId} data-action={row.action}>
                <td className="nowrap">{props.formatAt(row.at)}</td>
                <td>{row.userName}</td>
                <td>{row.deviceName}</td>
                <td className="nowrap">{props.actionText(row.action)}</td>
                <td>
                  {row.changes.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="changes">
                      {row.changes.map((c) => (
                        <li key={c.path} data-testid={changeTestId} data-path={c.path}>
                          {props.renderChange(c)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{row.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One item's change as the trace writes it: the item, then from → to. */
export function ChangeFromTo({ item, from, to }: { item: string; from: string; to: string }) {
  return (
    <>
      <span className="changes__item">{item}</span>{' '}
      <span className="changes__from">{from}</span>
      {' → '}
      <span className="changes__to">{to}</span>
    </>
  );
}
