import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import type { LedgerYearView, MonthValues } from '@shared/ledger/wire';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { inParens } from '../../lib/format';
import { readLedgerFigure, type LedgerFigureProblem } from '@shared/ledger/indicator-values';
import { figureText, problemText } from './figure-format';
import { useLedger } from './ledger-store';

// Annual figures the unit reported elsewhere (年报, 一套表) for the year: main compares them with
// the ledger's full-year figures and lists differences beyond the tolerance as findings. The
// inputs start from the stored figures (view.annual); only the indicators changed here are
// sent, an emptied one as null (removed), the others keep what is stored.

export function AnnualFigures({ view }: { view: LedgerYearView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const setView = useLedger((s) => s.setView);
  /** What the user typed, per indicator; an indicator not typed in shows its stored figure. */
  const [texts, setTexts] = useState<Partial<Record<IndicatorKey, string>>>({});
  const stored = (key: IndicatorKey): number | null => view.annual[key] ?? null;
  const shown = (key: IndicatorKey): string => texts[key] ?? figureText(indicatorDef(key), stored(key));
  const [invalid, setInvalid] = useState<Partial<Record<IndicatorKey, LedgerFigureProblem>>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  const save = async () => {
    setError(null);
    setIsSaved(false);
    const values: MonthValues = {};
    const bad: Partial<Record<IndicatorKey, LedgerFigureProblem>> = {};
    for (const key of view.indicators) {
      const text = texts[key];
      if (text === undefined) continue;
      const parsed = readLedgerFigure(indicatorDef(key), text);
      if (!parsed.ok) bad[key] = parsed.reason;
      else if (parsed.value !== stored(key)) values[key] = parsed.value;
    }
    setInvalid(bad);
    if (Object.keys(bad).length > 0 || Object.keys(values).length === 0) return;
    setIsBusy(true);
    const result = await call('ledger:saveAnnual', {
      enterpriseId: view.enterpriseId,
      year: view.year,
      values,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setIsBusy(false);
    if (!result.ok) return setError(result.error);
    setView(result.value);
    setTexts({});
    setIsSaved(true);
  };

  return (
    <details className="panel dir-details annual-figures" data-testid="annual-figures">
      <summary className="panel__title">{t('directory.annual.title', { year: view.year })}</summary>
      <p className="field__hint">{t('directory.annual.hint')}</p>
      <div className="annual-figures__grid">
        {view.indicators.map((key) => {
          const def = indicatorDef(key);
          return (
            <label key={key} className="field">
              <span className="field__label">
                {language === 'en' ? def.en : def.zh}
                {inParens(t(`directory.units.${def.unit}`), language)}
              </span>
              <input
                className="field__input"
                inputMode={def.scale > 0 ? 'decimal' : 'numeric'}
                data-testid={`annual-${key}`}
                aria-invalid={invalid[key] ? true : undefined}
                value={shown(key)}
                onChange={(e) => setTexts((s) => ({ ...s, [key]: e.target.value }))}
              />
              {invalid[key] ? <span className="field__error">{problemText(t, def, invalid[key])}</span> : null}
            </label>
          );
        })}
      </div>
      <label className="field">
        <span className="field__label">{t('directory.annual.reason')}</span>
        <input className="field__input" value={reason} maxLength={500} placeholder={t('directory.annual.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form__actions">
        <button type="button" className="button button--primary" data-testid="annual-save" disabled={isBusy} onClick={() => void save()}>
          {t('directory.annual.save')}
        </button>
        {isSaved ? (
          <span className="saved" role="status">
            {t('directory.annual.saved')}
          </span>
        ) : null}
      </div>
    </details>
  );
}
