import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishedDraw } from '@shared/enforcement/wire';
import type { Output } from '@shared/ipc/contract';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { formatDateTime, inParens, joinList } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { enforceHref } from './enforcement-page';
import { OpenCaseForm } from './open-case-form';

// One draw published before it runs: the 公示 (the hashes of the seed, the pool and the
// roster), running it (the seed kept back here, or typed on another laptop), the result with
// each enterprise's inspectors and who was excluded for it and why, and checking it by re-running.

function Facts({ d }: { d: PublishedDraw }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows: [string, string, string?][] = [
    [t('enforcement.draws.published'), `${d.publishedBy} · ${formatDateTime(d.publishedAt, language)}`],
    [t('enforcement.draws.day'), d.day],
    [t('enforcement.draws.sizesLong'), t('enforcement.draws.sizesValue', { count: d.count, pool: d.pool.length, roster: d.roster.length, per: d.perEnterprise })],
    [t('enforcement.draws.algorithm'), d.algorithm, 'mono'],
    [t('enforcement.draws.seedHash'), d.seedHash, 'mono enforce-hash'],
    [t('enforcement.draws.poolHash'), d.poolHash, 'mono enforce-hash'],
    [t('enforcement.draws.rosterHash'), d.rosterHash, 'mono enforce-hash'],
    [t('enforcement.draws.seed'), d.run ? d.run.seed : t('enforcement.draws.seedHidden'), d.run ? 'mono' : ''],
  ];
  return (
    <dl className="facts enforce-facts" data-testid="publication-facts">
      {rows.map(([k, v, cls]) => (
        <div key={k} className="enforce-facts__row">
          <dt>{k}</dt>
          <dd className={cls}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function RunBox({ d, onRan }: { d: PublishedDraw; onRan(d: PublishedDraw): void }) {
  const { t } = useTranslation();
  const [seed, setSeed] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const run = async () => {
    setIsBusy(true);
    setError(null);
    const r = await call('enforce:drawRun', { id: d.id, ...(seed.trim() ? { seed: seed.trim() } : {}) });
    setIsBusy(false);
    if (r.ok) onRan(r.value);
    else setError(r.error);
  };
  return (
    <div className="enforce-run" data-testid="run-box">
      <p>{d.holdsSeed ? t('enforcement.draws.runHeld') : t('enforcement.draws.runTyped')}</p>
      <div className="dir-inline">
        <input className="field__input mono" data-testid="run-seed" maxLength={64} aria-label={t('enforcement.draws.seed')} placeholder={d.holdsSeed ? t('enforcement.draws.seedOptional') : t('enforcement.draws.seedRequired')} value={seed} onChange={(e) => setSeed(e.target.value)} />
        <button type="button" className="button button--primary" data-testid="run-draw" disabled={isBusy || (!d.holdsSeed && !seed.trim())} onClick={() => void run()}>
          {t('enforcement.draws.run')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
    </div>
  );
}

function Result({ d }: { d: PublishedDraw }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [caseFor, setCaseFor] = useState<{ id: string; name: string } | null>(null);
  if (!d.run) return null;
  const names = new Map(d.roster.map((r) => [r.inspectorId, r.name]));
  return (
    <section className="enforce-result" aria-labelledby="result-title">
      <h3 className="panel__title" id="result-title">
        {t('enforcement.draws.resultTitle', { time: formatDateTime(d.run.at, language), by: d.run.by.name })}
      </h3>
      <div className="table-scroll">
        <table className="data-table enforce-table" data-testid="draw-result">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('enforcement.draws.enterprise')}</th>
              <th scope="col">{t('enforcement.draws.inspectors')}</th>
              <th scope="col">{t('enforcement.draws.excluded')}</th>
              <th scope="col">{t('enforcement.case.title')}</th>
            </tr>
          </thead>
          <tbody>
            {d.run.items.map((item) => {
              const excluded = d.run?.exclusions.filter((x) => x.enterpriseId === item.enterpriseId) ?? [];
              return (
                <tr key={item.enterpriseId} data-testid={`result-${item.uscc}`}>
                  <td className="num">{item.position + 1}</td>
                  <th scope="row">
                    {item.name}
                    <div className="mono muted">{item.uscc}</div>
                  </th>
                  <td>
                    {item.inspectors.map((i) => (
                      <div key={i.inspectorId}>
                        {i.name} <span className="mono muted">{i.certNo}</span>
                      </div>
                    ))}
                  </td>
                  <td data-testid={`excluded-${item.uscc}`}>
                    {excluded.length === 0 ? <span className="muted">—</span> : joinList(excluded.map((x) => `${names.get(x.inspectorId) ?? x.inspectorId}${inParens(t(`enforcement.exclusion.${x.reason}`), language)}`), language)}
                  </td>
                  <td>
                    <button type="button" className="button button--secondary button--small" data-testid={`open-case-${item.uscc}`} onClick={() => setCaseFor({ id: item.enterpriseId, name: item.name })}>
                      {t('enforcement.case.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {caseFor ? <OpenCaseForm key={caseFor.id} enterprise={caseFor} drawId={d.id} onCancel={() => setCaseFor(null)} /> : null}
    </section>
  );
}

export function DrawView({ id }: { id: string }) {
  const { t } = useTranslation();
  const one = useCall('enforce:draw', { id });
  const [verdict, setVerdict] = useState<Output<'enforce:drawVerify'> | null>(null);
  const d = one.value;
  const verify = async () => {
    const r = await call('enforce:drawVerify', { id });
    if (r.ok) setVerdict(r.value);
  };
  return (
    <section className="panel enforce-draw" data-testid="draw-view">
      <p>
        <a href={enforceHref('draws')}>{t('enforcement.draws.back')}</a>
      </p>
      {one.error ? <ErrorNotice error={one.error} onRetry={one.refetch} /> : null}
      {d ? (
        <>
          <h2 className="panel__title">{t('enforcement.draws.publicationOf', { title: d.title })}</h2>
          <p className="muted">{t('enforcement.draws.publicationNote')}</p>
          <Facts d={d} />
          <div className="form__actions">
            <DownloadButton label={t('enforcement.draws.exportXlsx')} testId="publication-xlsx" request={() => call('enforce:drawExportXlsx', { id })} />
            <a className="button button--secondary" href={enforceHref('print', id)} data-testid="publication-print">
              {t('enforcement.draws.print')}
            </a>
            {d.run ? (
              <button type="button" className="button button--secondary" data-testid="verify-draw" onClick={() => void verify()}>
                {t('enforcement.draws.verify')}
              </button>
            ) : null}
          </div>
          {verdict ? (
            <p className={verdict.ok ? 'notice notice--ok' : 'notice notice--warn'} role="status" data-testid="verify-result">
              {verdict.ok ? t('enforcement.draws.verifyOk') : t('enforcement.draws.verifyFailed', { reason: t(`enforcement.verify.${verdict.reason ?? 'RESULT_MISMATCH'}`) })}
            </p>
          ) : null}
          {d.run ? <Result d={d} /> : <RunBox d={d} onRan={one.replace} />}
        </>
      ) : null}
    </section>
  );
}
