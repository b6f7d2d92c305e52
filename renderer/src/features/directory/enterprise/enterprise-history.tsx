import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { EnterpriseChange } from '../../../../../shared/directory';
import { IndicatorKey, indicatorDef } from '../../../../../shared/ledger/indicators';
import type { AppErrorShape } from '../../../../../shared/result';
import type { Language } from '../../../../../shared/settings';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { fieldLabel, valueText } from '../field-labels';

// Everything done to an enterprise and under it (identity, ledger cells, evidence, follow-up,
// materials, inspections): who, when, on which device, from → to, and why. Read-only.

const knownActions = ['create', 'update', 'import', 'ledger', 'evidence', 'followup', 'materials', 'inspection', 'sync'] as const;
type KnownAction = (typeof knownActions)[number];
const isKnownAction = (a: string): a is KnownAction => (knownActions as readonly string[]).includes(a);

/** 'fields.name' → 单位名称; a ledger cell path ('ledger.2024.3.revenue' and the like) → 2024年3月 营业收入. */
function pathText(t: TFunction, language: Language, path: string): string {
  const parts = path.split('.');
  const indicator = parts.find((p) => IndicatorKey.safeParse(p).success);
  const numbers = parts.filter((p) => /^\d{1,4}$/.test(p)).map(Number);
  const year = numbers.find((n) => n >= 2000);
  const month = numbers.find((n) => n >= 1 && n <= 12);
  if (indicator && year !== undefined && month !== undefined) {
    const parsed = IndicatorKey.parse(indicator);
    const def = indicatorDef(parsed);
    return `${t('directory.evidence.period', { year, month })} ${language === 'en' ? def.en : def.zh}`;
  }
  return fieldLabel(t, path);
}

export function EnterpriseHistory({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [state, setState] = useState<{ rows: EnterpriseChange[] | null; error: AppErrorShape | null }>({ rows: null, error: null });

  useEffect(() => {
    let isCurrent = true;
    void call('enterprises:history', { id }).then((result) => {
      if (isCurrent) setState(result.ok ? { rows: result.value, error: null } : { rows: null, error: result.error });
    });
    return () => {
      isCurrent = false;
    };
    // Re-read whenever the enterprise's version moves, so the trace is never stale.
  }, [id, version]);

  return (
    <section className="history" data-testid="enterprise-history" aria-label={t('directory.history.title')}>
      {state.error ? <ErrorNotice error={state.error} /> : null}
      {state.rows === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <table className="data-table history__table">
          <thead>
            <tr>
              <th scope="col">{t('directory.history.at')}</th>
              <th scope="col">{t('directory.history.user')}</th>
              <th scope="col">{t('directory.history.device')}</th>
              <th scope="col">{t('directory.history.action')}</th>
              <th scope="col">{t('directory.history.changes')}</th>
              <th scope="col">{t('directory.history.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {[...state.rows].reverse().map((row) => (
              <tr key={row.id} data-testid="enterprise-history-row" data-action={row.action}>
                <td className="nowrap">{formatDateTime(row.at, language)}</td>
                <td>{row.userName}</td>
                <td>{row.deviceName}</td>
                <td className="nowrap">{isKnownAction(row.action) ? t(`directory.history.actions.${row.action}`) : row.action}</td>
                <td>
                  {row.changes.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="changes">
                      {row.changes.map((c) => (
                        <li key={c.path} data-path={c.path}>
                          <span className="changes__item">{pathText(t, language, c.path)}</span>{' '}
                          <span className="changes__from">{valueText(t, c.from)}</span>
                          {' → '}
                          <span className="changes__to">{valueText(t, c.to)}</span>
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
