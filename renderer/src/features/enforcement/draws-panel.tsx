import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useTownships } from '../directory/townships';
import { enforceHref } from './enforcement-page';

// Draws with inspectors from the roster, published before they run: the form fixes the pool
// (a filtered list of active enterprises), how many, inspectors per enterprise, the day
// certificates are judged on, and the seed (typed, e.g. a public lottery number, or made here
// and kept back); publishing prints their hashes. The list shows which have run.

interface Draft {
  title: string;
  township: string;
  scale: '' | 'above' | 'below';
  mode: 'count' | 'share';
  amount: string;
  perEnterprise: string;
  day: string;
  seed: string;
}

function PublishForm() {
  const { t } = useTranslation();
  const townships = useTownships((s) => s.townships);
  const load = useTownships((s) => s.load);
  const [d, setD] = useState<Draft>({ title: '', township: '', scale: 'above', mode: 'share', amount: '3', perEnterprise: '2', day: new Date().toISOString().slice(0, 10), seed: '' });
  const [problem, setProblem] = useState<'title' | 'amount' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((s) => ({ ...s, [k]: v }));
  useEffect(() => void load(), [load]);

  const publish = async () => {
    setError(null);
    const amount = Number(d.amount);
    if (!d.title.trim()) return setProblem('title');
    if (!Number.isFinite(amount) || amount <= 0 || (d.mode === 'count' && !Number.isInteger(amount))) return setProblem('amount');
    setProblem(null);
    setIsBusy(true);
    const r = await call('enforce:drawPublish', {
      title: d.title.trim(),
      filter: { statuses: ['active'], ...(d.township ? { divisionPrefix: d.township } : {}), ...(d.scale ? { scale: d.scale } : {}) },
      ...(d.mode === 'count' ? { count: amount } : { sharePct: amount }),
      perEnterprise: Number(d.perEnterprise),
      ...(d.day ? { day: d.day } : {}),
      ...(d.seed.trim() ? { seed: d.seed.trim() } : {}),
    });
    setIsBusy(false);
    if (!r.ok) return setError(r.error);
    window.location.hash = enforceHref('draw', r.value.id);
  };

  return (
    <form
      className="panel form enforce-form"
      noValidate
      data-testid="publish-form"
      onSubmit={(e) => {
        e.preventDefault();
        void publish();
      }}
    >
      <h2 className="panel__title">{t('enforcement.draws.newTitle')}</h2>
      <p className="field__hint">{t('enforcement.draws.howItWorks')}</p>
      <label className="field">
        <span className="field__label">{t('enforcement.draws.title')}</span>
        <input className="field__input" data-testid="publish-title" maxLength={100} value={d.title} onChange={(e) => set('title', e.target.value)} />
        {problem === 'title' ? <span className="field__error">{t('enforcement.draws.needTitle')}</span> : null}
      </label>
      <div className="enforce-form__row">
        <label className="field enforce-form__field">
          <span className="field__label">{t('directory.filters.township')}</span>
          <select className="field__input field__input--select" data-testid="publish-township" value={d.township} onChange={(e) => set('township', e.target.value)}>
            <option value="">{t('directory.filters.all')}</option>
            {townships.map((tw) => (
              <option key={tw.code} value={tw.code}>
                {tw.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('directory.filters.scale')}</span>
          <select className="field__input field__input--select" data-testid="publish-scale" value={d.scale} onChange={(e) => set('scale', e.target.value === 'above' || e.target.value === 'below' ? e.target.value : '')}>
            <option value="">{t('directory.filters.all')}</option>
            <option value="above">{t('directory.scale.above')}</option>
            <option value="below">{t('directory.scale.below')}</option>
          </select>
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.draws.mode')}</span>
          <select className="field__input field__input--select" data-testid="publish-mode" value={d.mode} onChange={(e) => set('mode', e.target.value === 'count' ? 'count' : 'share')}>
            <option value="share">{t('directory.draw.share')} (%)</option>
            <option value="count">{t('directory.draw.count')}</option>
          </select>
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{d.mode === 'count' ? t('directory.draw.count') : t('directory.draw.share')}</span>
          <input className="field__input" inputMode="decimal" data-testid="publish-amount" value={d.amount} onChange={(e) => set('amount', e.target.value)} />
          {problem === 'amount' ? <span className="field__error">{t('directory.draw.needAmount')}</span> : null}
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('directory.draw.perEnterprise')}</span>
          <select className="field__input field__input--select" data-testid="publish-per" value={d.perEnterprise} onChange={(e) => set('perEnterprise', e.target.value)}>
            {['1', '2', '3', '4', '5'].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.draws.day')}</span>
          <input className="field__input" type="date" data-testid="publish-day" value={d.day} onChange={(e) => set('day', e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t('enforcement.draws.seed')}</span>
        <input className="field__input mono" data-testid="publish-seed" maxLength={64} value={d.seed} placeholder={t('enforcement.draws.seedPlaceholder')} onChange={(e) => set('seed', e.target.value)} />
      </label>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="publish-submit" disabled={isBusy}>
          {t('enforcement.draws.publish')}
        </button>
      </div>
    </form>
  );
}

export function DrawsPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const list = useCall('enforce:draws', undefined);
  return (
    <>
      <section className="panel" aria-labelledby="published-title">
        <h2 className="panel__title" id="published-title">
          {t('enforcement.draws.listTitle')}
        </h2>
        {list.error ? <ErrorNotice error={list.error} onRetry={list.refetch} /> : null}
        {list.value && list.value.length === 0 ? <p className="muted">{t('enforcement.draws.none')}</p> : null}
        {list.value && list.value.length > 0 ? (
          <table className="data-table enforce-table" data-testid="published-list">
            <thead>
              <tr>
                <th scope="col">{t('enforcement.draws.title')}</th>
                <th scope="col">{t('enforcement.draws.seedHash')}</th>
                <th scope="col" className="num">
                  {t('enforcement.draws.sizes')}
                </th>
                <th scope="col">{t('enforcement.draws.published')}</th>
                <th scope="col">{t('enforcement.draws.state')}</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <a href={enforceHref('draw', d.id)}>{d.title}</a>
                  </th>
                  <td className="mono enforce-hash">{d.seedHash.slice(0, 16)}…</td>
                  <td className="num">
                    {d.count}/{d.poolSize} · {d.rosterSize}
                  </td>
                  <td>
                    {d.publishedBy} · {formatDateTime(d.publishedAt, language)}
                  </td>
                  <td>{d.ranAt ? t('enforcement.draws.ranAt', { time: formatDateTime(d.ranAt, language) }) : t('enforcement.draws.notRun')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <PublishForm />
    </>
  );
}
