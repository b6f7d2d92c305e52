import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpStages, type FollowUpStage } from '@shared/directory/directory';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { useCall } from '../../lib/use-call';
import { formatCount } from '../../lib/format';
import { formatGrowth, formatInteger, formatPercent } from '../directory/format';
import { FlagBadges, StageTag } from '../directory/tags';
import { useTownships } from '../directory/townships';
import { ThresholdSettings } from './threshold-settings';

// 入规纳统 candidates: enterprises flagged 准规模 or 成长型 and those already being followed, with
// how close each is to its industry's threshold, where it stands in the workflow, the last
// contact and the materials gathered. Worked one by one from here.

const PAGE = 200;
type Kind = 'reached' | 'near' | 'growth' | 'followed';
const kinds: readonly Kind[] = ['reached', 'near', 'growth', 'followed'];

export function CandidatesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const townships = useTownships((s) => s.townships);
  const townshipNames = useTownships((s) => s.names);
  const loadTownships = useTownships((s) => s.load);
  const [chosenKinds, setChosenKinds] = useState<Kind[]>([...kinds]);
  const [stage, setStage] = useState<FollowUpStage | 'none' | ''>('');
  const [township, setTownship] = useState('');
  const [offset, setOffset] = useState(0);
  const candidates = useCall('candidates:list', {
    kinds: chosenKinds.length > 0 ? chosenKinds : [...kinds],
    ...(stage ? { stages: [stage] } : {}),
    ...(township ? { divisionPrefix: township } : {}),
    offset,
    limit: PAGE,
  });
  const { value: page, error } = candidates;
  const n = (v: number) => formatCount(v, language);
  /** Reads the list again (after a retry or new settings). */
  const load = candidates.refetch;

  useEffect(() => {
    void loadTownships();
  }, [loadTownships]);

  const toggleKind = (k: Kind) => {
    setOffset(0);
    setChosenKinds((c) => (c.includes(k) ? c.filter((x) => x !== k) : [...c, k]));
  };

  return (
    <div className="candidates" data-testid="candidates-page">
      <ThresholdSettings onSaved={load} />
      <div className="dir-filters__row">
        <div className="dir-filter">
          <span className="dir-filter__label" aria-hidden="true">
            {t('directory.candidates.kinds')}
          </span>
          <div className="chips" role="group" aria-label={t('directory.candidates.kinds')}>
            {kinds.map((k) => (
              <button key={k} type="button" className="chip" aria-pressed={chosenKinds.includes(k)} data-testid={`candidates-kind-${k}`} onClick={() => toggleKind(k)}>
                {t(`directory.candidates.kind.${k}`)}
              </button>
            ))}
          </div>
        </div>
        <div className="dir-filter">
          <span className="dir-filter__label" aria-hidden="true">
            {t('directory.candidates.stages')}
          </span>
          <div className="chips" role="group" aria-label={t('directory.candidates.stages')}>
            {(['', ...followUpStages, 'none'] as const).map((s) => (
              <button
                key={s || 'all'}
                type="button"
                className="chip"
                aria-pressed={stage === s}
                data-testid={`candidates-stage-${s || 'all'}`}
                onClick={() => {
                  setOffset(0);
                  setStage(s);
                }}
              >
                {s === '' ? t('directory.filters.all') : s === 'none' ? t('directory.candidates.noStage') : t(`directory.stages.${s}`)}
                {s && page ? <span className="chip__count">{n(page.byStage[s] ?? 0)}</span> : null}
              </button>
            ))}
          </div>
        </div>
        <label className="dir-filter">
          <span className="dir-filter__label">{t('directory.filters.township')}</span>
          <select
            className="field__input field__input--select"
            value={township}
            onChange={(e) => {
              setOffset(0);
              setTownship(e.target.value);
            }}
          >
            <option value="">{t('directory.filters.all')}</option>
            {townships.map((tw) => (
              <option key={tw.code} value={tw.code}>
                {tw.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <ErrorNotice error={error} onRetry={load} /> : null}
      {page ? (
        <>
          <p className="muted" role="status" data-testid="candidates-count">
            {t('directory.candidates.count', { total: n(page.total) })} {t('directory.candidates.moneyNote')}
          </p>
          {page.rows.length === 0 ? (
            <p className="muted" data-testid="candidates-none">
              {t('directory.candidates.none')}
            </p>
          ) : (
            <div className="dir-scroll-x">
              <table className="data-table dir-wide-table" data-testid="candidates-table">
                <thead>
                  <tr>
                    <th scope="col">{t('directory.columns.name')}</th>
                    <th scope="col">{t('directory.columns.township')}</th>
                    <th scope="col">{t('directory.columns.industry')}</th>
                    <th scope="col" className="num">
                      {t('directory.candidates.ytd')}
                    </th>
                    <th scope="col" className="num">
                      {t('directory.candidates.annualised')}
                    </th>
                    <th scope="col" className="num">
                      {t('directory.candidates.threshold')}
                    </th>
                    <th scope="col" className="num">
                      {t('directory.candidates.share')}
                    </th>
                    <th scope="col" className="num">
                      {t('directory.candidates.growth')}
                    </th>
                    <th scope="col">{t('directory.columns.flags')}</th>
                    <th scope="col">{t('directory.columns.liaison')}</th>
                    <th scope="col">{t('directory.candidates.lastNote')}</th>
                    <th scope="col" className="num">
                      {t('directory.candidates.materials')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((r) => (
                    <tr key={r.id} data-testid={`candidate-row-${r.id}`} data-stage={r.stage ?? 'none'}>
                      <th scope="row">
                        <a href={subHref('directory', 'enterprise', r.id)}>{r.name}</a>
                      </th>
                      <td>{townshipNames.get(r.divisionCode.slice(0, 9)) ?? r.divisionCode.slice(0, 9)}</td>
                      <td className="mono">{r.industryCode}</td>
                      <td className="num">{formatInteger(r.flags.ytdRevenue, language)}</td>
                      <td className="num">{formatInteger(r.annualisedRevenue, language)}</td>
                      <td className="num">{formatInteger(r.thresholdRevenue, language)}</td>
                      <td className="num">{formatPercent(r.shareOfThreshold, language)}</td>
                      <td className="num">{formatGrowth(r.flags.growth, language)}</td>
                      <td>
                        <FlagBadges flags={r.flags} />
                        <StageTag stage={r.stage} />
                      </td>
                      <td>{r.liaison}</td>
                      <td className="nowrap">{r.lastNoteAt?.slice(0, 10) ?? '—'}</td>
                      <td className="num">
                        {r.materialsDone}/{r.materialsTotal}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.total > PAGE ? (
            <div className="pager">
              <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('directory.prev')}
              </button>
              <span>
                {n(offset + 1)}–{n(Math.min(offset + PAGE, page.total))}
              </span>
              <button type="button" className="button button--secondary" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                {t('directory.next')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
