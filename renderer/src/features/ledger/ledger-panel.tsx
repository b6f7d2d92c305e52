import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseDetail } from '@shared/directory/directory';
import { IndicatorKey, indicatorDef } from '@shared/ledger/indicators';
import { problemText } from './figure-format';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { colon, formatShare, joinList } from '../../lib/format';
import { FlagBadges } from '../directory/tags';
import { useEnterprise } from '../directory/enterprise/enterprise-store';
import { AttachDialog } from '../evidence/attach-dialog';
import { EvidencePanel } from '../evidence/evidence-panel';
import { AnnualFigures } from './annual-figures';
import { LedgerFindings } from './ledger-findings';
import { LedgerGrid } from './ledger-grid';
import { useLedger } from './ledger-store';
import { MonthDetail } from './month-detail';
import { SignoffPanel } from './signoff-panel';

// The ledger tab: pick a year, enter figures in the grid, see the computed columns for the
// month in focus, attach evidence to the figure in focus, and see how much is backed.

function SaveStatus() {
  const { t } = useTranslation();
  const cells = useLedger((s) => s.cells);
  const states = Object.values(cells).filter((c) => c !== undefined);
  const saving = states.filter((c) => c.status === 'saving').length;
  const failed = states.filter((c) => c.status === 'error' || c.status === 'invalid').length;
  const saved = states.filter((c) => c.status === 'saved').length;
  // The first refused figure says why in words, not only in its cell's tooltip.
  const language = useLanguage();
  const firstInvalid = Object.entries(cells).find(([, c]) => c?.status === 'invalid');
  const why = (() => {
    if (!firstInvalid) return '';
    const [key, state] = firstInvalid;
    const [month, indicator] = key.split('.');
    const parsed = IndicatorKey.safeParse(indicator);
    if (!parsed.success || state?.status !== 'invalid') return '';
    const def = indicatorDef(parsed.data);
    return ` — ${t('directory.ledger.cellLabel', { month: Number(month), indicator: language === 'en' ? def.en : def.zh })}${colon(language)}${problemText(t, def, state.reason)}`;
  })();
  const [kind, text] =
    failed > 0
      ? (['error', `${t('directory.ledger.failedCells', { n: failed })}${why}`] as const)
      : saving > 0
        ? (['saving', t('directory.ledger.savingCells', { n: saving })] as const)
        : saved > 0
          ? (['saved', t('directory.ledger.allSaved')] as const)
          : (['idle', t('directory.ledger.autosaveHint')] as const);
  return (
    <p className={`ledger-save ledger-save--${kind}`} role="status" aria-live="polite" data-testid="ledger-save-status" data-state={kind}>
      {text}
    </p>
  );
}

export function LedgerPanel({ detail }: { detail: EnterpriseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const thisYear = new Date().getFullYear();
  const years = [...new Set([thisYear, ...detail.ledgerYears])].sort((a, b) => b - a);
  const [year, setYear] = useState(detail.ledgerYears[0] ?? thisYear);
  const [active, setActive] = useState({ row: new Date().getMonth(), col: 0 });
  const [isAttaching, setIsAttaching] = useState(false);
  const view = useLedger((s) => s.view);
  const open = useLedger((s) => s.open);
  const reload = useLedger((s) => s.reload);
  const reloadEvidence = useEnterprise((s) => s.reloadEvidence);
  const reloadDetail = useEnterprise((s) => s.reloadDetail);

  useEffect(() => {
    void open(detail.id, year);
  }, [open, detail.id, year]);

  const v = view.value && view.value.year === year && view.value.enterpriseId === detail.id ? view.value : null;
  const activeIndicator = v?.indicators[active.col] ?? null;
  const month = active.row + 1;

  // The header (准规模/成长型 flags, year-to-date revenue and its month, the years held) comes
  // from the enterprise record, which main recomputes on every ledger save: re-read it whenever
  // the figures here change, not only when a flag flips, or it shows last visit's numbers.
  const figures = v ? JSON.stringify(v.months) : null;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (figures === null) return;
    const isFirst = seen.current === null;
    const isChanged = seen.current !== figures;
    seen.current = figures;
    if (!isFirst && isChanged) void reloadDetail();
  }, [figures, reloadDetail]);
  useEffect(() => {
    seen.current = null;
  }, [detail.id, year]);

  return (
    <div className="ledger" data-testid="ledger-panel">
      <div className="ledger__bar">
        <label className="dir-inline">
          {t('directory.ledger.year')}
          <select className="field__input field__input--select" data-testid="ledger-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[...years, Math.min(...years) - 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {v ? (
          <p className="ledger__coverage" data-testid="ledger-coverage" data-filled={v.coverage.filled} data-backed={v.coverage.backed}>
            {t('directory.ledger.coverage', {
              filled: v.coverage.filled,
              backed: v.coverage.backed,
              share: formatShare(v.coverage.backed, v.coverage.filled, language),
            })}
          </p>
        ) : null}
        {v ? <FlagBadges flags={{ ...v.flags, isBelowThreshold: false }} testId="ledger-flags" /> : null}
        <SaveStatus />
        <button
          type="button"
          className="button button--secondary"
          data-testid="evidence-attach"
          disabled={!v}
          onClick={() => setIsAttaching(true)}
        >
          {t('directory.evidence.attachFor', {
            month,
            indicator: activeIndicator ? indicatorDef(activeIndicator)[language === 'en' ? 'en' : 'zh'] : '',
          })}
        </button>
      </div>
      {view.error ? <ErrorNotice error={view.error} onRetry={() => void reload()} /> : null}
      {v ? (
        <>
          {v.missingMonths.length > 0 ? (
            <p className="notice notice--warn" data-testid="ledger-missing-months">
              {t('directory.ledger.missingMonths', {
                months: joinList(v.missingMonths.map((m) => t('directory.ledger.monthName', { month: m })), language),
              })}
            </p>
          ) : null}
          <p className="ledger__set" data-testid="ledger-set" data-set={v.set.id} data-version={v.set.version} title={t('directory.ledger.setSource', { source: v.set.source })}>
            {t('directory.ledger.set', { set: language === 'en' ? v.set.en : v.set.zh, version: v.set.version })}
            {v.indicators.length > v.setSize ? <span className="muted"> · {t('directory.ledger.legacyHint')}</span> : null}
          </p>
          <LedgerGrid view={v} active={active} onActivate={setActive} />
          <p className="ledger__legend">
            <span className="ledger-legend ledger-legend--backed">{t('directory.ledger.legendBacked')}</span>
            <span className="ledger-legend ledger-legend--unbacked">{t('directory.ledger.legendUnbacked')}</span>
            <span className="muted">{t('directory.ledger.keysHint')}</span>
          </p>
          <div className="ledger__below">
            <MonthDetail view={v} month={month} activeIndicator={activeIndicator} />
            <div className="ledger__side">
              <SignoffPanel view={v} month={month} />
              <LedgerFindings findings={v.findings} isEmpty={v.coverage.filled === 0} />
            </div>
          </div>
          {/* Keyed by enterprise and year: typed figures never carry over to another year. */}
          <AnnualFigures key={`${v.enterpriseId}:${v.year}`} view={v} />
          <EvidencePanel year={year} onChanged={() => void reload()} />
        </>
      ) : view.isLoading ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
      {isAttaching && v ? (
        <AttachDialog
          enterpriseId={detail.id}
          year={year}
          month={month}
          indicators={v.indicators}
          preselected={activeIndicator ? [activeIndicator] : []}
          onClose={() => setIsAttaching(false)}
          onAttached={() => {
            setIsAttaching(false);
            void reload();
            void reloadEvidence();
            void reloadDetail();
          }}
        />
      ) : null}
    </div>
  );
}
