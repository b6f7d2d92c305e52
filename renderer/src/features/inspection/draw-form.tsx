import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseFilter, Scale } from '@shared/directory/directory';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { useTownships } from '../directory/townships';

// A new 双随机 draw: which enterprises (a filtered list), how many (N or a share), which
// inspectors, and the seed. The seed is printed on the record; typing a record's seed with the
// same list and inspectors draws the same enterprises again, which is how a draw is audited.

export interface DrawDraft {
  title: string;
  township: string;
  industry: string;
  scale: Scale | '';
  mode: 'count' | 'share';
  count: string;
  share: string;
  inspectors: string;
  perEnterprise: string;
  seed: string;
}

export const emptyDraft = (sharePct: number): DrawDraft => ({
  title: '',
  township: '',
  industry: '',
  scale: 'above',
  mode: 'share',
  count: '10',
  share: String(sharePct),
  inspectors: '',
  perEnterprise: '2',
  seed: '',
});

export function filterOf(d: DrawDraft): EnterpriseFilter {
  return {
    statuses: ['active'],
    ...(d.township ? { divisionPrefix: d.township } : {}),
    ...(d.industry.trim() ? { industry: d.industry.trim().toUpperCase() } : {}),
    ...(d.scale ? { scale: d.scale } : {}),
  };
}

export const inspectorList = (text: string): string[] =>
  text
    .split(/[\n,，、;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Mounted with a `key` per draft: a new draft (a replay) starts a fresh form. */
export function DrawForm({ initial, onDrawn }: { initial: DrawDraft; onDrawn(id: string): void }) {
  const { t } = useTranslation();
  const townships = useTownships((s) => s.townships);
  const [d, setD] = useState<DrawDraft>(initial);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [problem, setProblem] = useState<'title' | 'inspectors' | 'amount' | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const set = <K extends keyof DrawDraft>(key: K, value: DrawDraft[K]) => setD((s) => ({ ...s, [key]: value }));

  const run = async () => {
    setError(null);
    const inspectors = inspectorList(d.inspectors);
    const amount = Number(d.mode === 'count' ? d.count : d.share);
    if (!d.title.trim()) return setProblem('title');
    if (inspectors.length === 0) return setProblem('inspectors');
    if (!Number.isFinite(amount) || amount <= 0 || (d.mode === 'count' && !Number.isInteger(amount))) return setProblem('amount');
    setProblem(null);
    setIsBusy(true);
    const result = await call('draw:run', {
      title: d.title.trim(),
      filter: filterOf(d),
      ...(d.mode === 'count' ? { count: amount } : { sharePct: amount }),
      inspectors,
      inspectorsPerEnterprise: Math.min(5, Math.max(1, Number(d.perEnterprise) || 1)),
      ...(d.seed.trim() ? { seed: d.seed.trim() } : {}),
    });
    setIsBusy(false);
    if (result.ok) onDrawn(result.value.id);
    else setError(result.error);
  };

  return (
    <form
      className="panel form draw-form"
      noValidate
      data-testid="draw-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <h2 className="panel__title">{t('directory.draw.newTitle')}</h2>
      <label className="field">
        <span className="field__label">{t('directory.draw.title')}</span>
        <input className="field__input" data-testid="draw-title" maxLength={100} value={d.title} placeholder={t('directory.draw.titlePlaceholder')} onChange={(e) => set('title', e.target.value)} />
        {problem === 'title' ? <span className="field__error">{t('directory.draw.needTitle')}</span> : null}
      </label>
      <fieldset className="dir-fieldset">
        <legend className="field__label">{t('directory.draw.pool')}</legend>
        <div className="dir-inline">
          <label className="dir-inline">
            {t('directory.filters.township')}
            <select className="field__input field__input--select" data-testid="draw-township" value={d.township} onChange={(e) => set('township', e.target.value)}>
              <option value="">{t('directory.filters.all')}</option>
              {townships.map((tw) => (
                <option key={tw.code} value={tw.code}>
                  {tw.name}
                </option>
              ))}
            </select>
          </label>
          <label className="dir-inline">
            {t('directory.filters.scale')}
            <select className="field__input field__input--select" data-testid="draw-scale" value={d.scale} onChange={(e) => set('scale', e.target.value === 'above' || e.target.value === 'below' ? e.target.value : '')}>
              <option value="">{t('directory.filters.all')}</option>
              <option value="above">{t('directory.scale.above')}</option>
              <option value="below">{t('directory.scale.below')}</option>
            </select>
          </label>
          <label className="dir-inline">
            {t('directory.draw.industry')}
            <input className="field__input dir-short" data-testid="draw-industry" maxLength={4} value={d.industry} placeholder="C / 36" onChange={(e) => set('industry', e.target.value)} />
          </label>
        </div>
        <p className="field__hint">{t('directory.draw.poolHint')}</p>
      </fieldset>
      <fieldset className="dir-fieldset">
        <legend className="field__label">{t('directory.draw.amount')}</legend>
        <div className="dir-inline">
          <label className="checkbox">
            <input type="radio" name="draw-mode" checked={d.mode === 'share'} onChange={() => set('mode', 'share')} /> {t('directory.draw.share')}
          </label>
          <input className="field__input dir-short" inputMode="decimal" data-testid="draw-share" disabled={d.mode !== 'share'} value={d.share} onChange={(e) => set('share', e.target.value)} />
          %
          <label className="checkbox">
            <input type="radio" name="draw-mode" data-testid="draw-mode-count" checked={d.mode === 'count'} onChange={() => set('mode', 'count')} /> {t('directory.draw.count')}
          </label>
          <input className="field__input dir-short" inputMode="numeric" data-testid="draw-count" disabled={d.mode !== 'count'} value={d.count} onChange={(e) => set('count', e.target.value)} />
        </div>
        {problem === 'amount' ? <span className="field__error">{t('directory.draw.needAmount')}</span> : null}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('directory.draw.inspectors')}</span>
        <textarea className="field__input dir-textarea" data-testid="draw-inspectors" rows={3} value={d.inspectors} placeholder={t('directory.draw.inspectorsPlaceholder')} onChange={(e) => set('inspectors', e.target.value)} />
        {problem === 'inspectors' ? <span className="field__error">{t('directory.draw.needInspectors')}</span> : null}
      </label>
      <div className="dir-inline">
        <label className="dir-inline">
          {t('directory.draw.perEnterprise')}
          <select className="field__input field__input--select dir-short" value={d.perEnterprise} onChange={(e) => set('perEnterprise', e.target.value)}>
            {['1', '2', '3', '4', '5'].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="dir-inline">
          {t('directory.draw.seed')}
          <input className="field__input mono draw-form__seed" data-testid="draw-seed" maxLength={64} value={d.seed} placeholder={t('directory.draw.seedPlaceholder')} onChange={(e) => set('seed', e.target.value)} />
        </label>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="draw-run" disabled={isBusy}>
          {t('directory.draw.run')}
        </button>
      </div>
    </form>
  );
}
