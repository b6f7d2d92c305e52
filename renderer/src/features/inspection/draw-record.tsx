import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inspectionResults, type DrawItem, type DrawRecord } from '@shared/followup/work';
import type { AppErrorShape } from '@shared/result';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { formatDateTime, joinList } from '../../lib/format';
import { useTownships } from '../directory/townships';

// A draw as recorded: the seed, the algorithm and the pool's fingerprint (so anyone can replay
// it), the drawn enterprises with their inspectors, and per enterprise the inspection's
// findings and whether the case is closed.

type Result = (typeof inspectionResults)[number];

function ItemRow({ drawId, item, onSaved }: { drawId: string; item: DrawItem; onSaved(record: DrawRecord): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const townshipNames = useTownships((s) => s.names);
  const [result, setResult] = useState<Result>(item.result);
  const [findings, setFindings] = useState(item.findings);
  const [isClosed, setIsClosed] = useState(item.isClosed);
  const [closingNote, setClosingNote] = useState(item.closingNote);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const isDirty = result !== item.result || findings !== item.findings || isClosed !== item.isClosed || closingNote !== item.closingNote;

  const save = async () => {
    setError(null);
    const r = await call('inspection:record', { drawId, enterpriseId: item.enterpriseId, result, findings, isClosed, closingNote });
    if (r.ok) onSaved(r.value);
    else setError(r.error);
  };

  return (
    <tr data-testid={`draw-item-${item.enterpriseId}`} data-closed={item.isClosed ? 'true' : 'false'}>
      <th scope="row">
        <a href={subHref('directory', 'enterprise', item.enterpriseId)}>{item.name}</a>
        <div className="mono muted">{item.uscc}</div>
      </th>
      <td>{townshipNames.get(item.divisionCode.slice(0, 9)) ?? item.divisionCode.slice(0, 9)}</td>
      <td>{joinList(item.inspectors, language)}</td>
      <td>
        <select className="field__input" aria-label={t('directory.draw.result')} value={result} onChange={(e) => setResult(inspectionResults.find((x) => x === e.target.value) ?? 'pending')}>
          {inspectionResults.map((x) => (
            <option key={x} value={x}>
              {t(`directory.draw.results.${x}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <textarea className="field__input dir-textarea" rows={1} aria-label={t('directory.draw.findings')} value={findings} maxLength={2000} onChange={(e) => setFindings(e.target.value)} />
      </td>
      <td>
        <label className="checkbox">
          <input type="checkbox" checked={isClosed} onChange={(e) => setIsClosed(e.target.checked)} /> {t('directory.draw.closed')}
        </label>
        {isClosed ? (
          <input className="field__input" aria-label={t('directory.draw.closingNote')} placeholder={t('directory.draw.closingNote')} value={closingNote} maxLength={1000} onChange={(e) => setClosingNote(e.target.value)} />
        ) : null}
        {item.closedAt ? <div className="muted">{item.closedAt.slice(0, 10)}</div> : null}
      </td>
      <td>
        <button type="button" className="button button--secondary button--small" disabled={!isDirty} onClick={() => void save()}>
          {t('directory.draw.saveItem')}
        </button>
        {error ? <ErrorNotice error={error} /> : null}
      </td>
    </tr>
  );
}

export function DrawRecordView({ record, onChanged, onReplay }: { record: DrawRecord; onChanged(r: DrawRecord): void; onReplay(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="draw-record" data-testid="draw-record">
      <h2 className="draw-record__title">{record.title}</h2>
      <dl className="facts draw-record__facts">
        <dt>{t('directory.draw.seed')}</dt>
        <dd>
          <strong className="mono draw-seed" data-testid="draw-record-seed">
            {record.seed}
          </strong>
        </dd>
        <dt>{t('directory.draw.algorithm')}</dt>
        <dd className="mono">{record.algorithm}</dd>
        <dt>{t('directory.draw.poolSize')}</dt>
        <dd>{t('directory.draw.poolSizeValue', { pool: record.poolSize, drawn: record.drawn })}</dd>
        <dt>{t('directory.draw.poolHash')}</dt>
        <dd className="mono path">{record.poolHash}</dd>
        <dt>{t('directory.draw.inspectors')}</dt>
        <dd>{t('directory.draw.inspectorsValue', { names: joinList(record.inspectors, language), n: record.inspectorsPerEnterprise })}</dd>
        <dt>{t('directory.draw.by')}</dt>
        <dd>
          {record.createdBy} · {formatDateTime(record.createdAt, language)}
        </dd>
      </dl>
      <p>
        <button type="button" className="button button--secondary" data-testid="draw-replay" onClick={onReplay}>
          {t('directory.draw.replay')}
        </button>{' '}
        <DownloadButton label={t('directory.draw.export')} testId="draw-export" request={() => call('draw:exportXlsx', { id: record.id })} />
      </p>
      <table className="data-table dir-wide-table draw-items" data-testid="draw-items">
        <thead>
          <tr>
            <th scope="col">{t('directory.columns.name')}</th>
            <th scope="col">{t('directory.columns.township')}</th>
            <th scope="col">{t('directory.draw.inspectors')}</th>
            <th scope="col">{t('directory.draw.result')}</th>
            <th scope="col">{t('directory.draw.findings')}</th>
            <th scope="col">{t('directory.draw.closure')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('directory.draw.saveItem')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {record.items.map((item) => (
            <ItemRow key={`${item.enterpriseId}:${item.updatedAt ?? ''}`} drawId={record.id} item={item} onSaved={onChanged} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
