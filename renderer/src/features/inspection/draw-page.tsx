import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawRecord } from '@shared/followup/work';
import { repeatsOf } from '@shared/inspection/draw-repeats';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { useCall } from '../../lib/use-call';
import { formatDateTime, inParens } from '../../lib/format';
import { useTownships } from '../directory/townships';
import { DrawForm, emptyDraft, type DrawDraft } from './draw-form';
import { DrawRecordView } from './draw-record';

// 双随机一公开: past draws, a new draw, and one draw's record with its inspections.

/** The form filled from a record, to draw again with the same list, inspectors and seed. */
function replayDraft(r: DrawRecord, suffix: string): DrawDraft {
  return {
    title: `${r.title}${suffix}`,
    township: r.filter.divisionPrefix ?? '',
    industry: r.filter.industry ?? '',
    scale: r.filter.scale ?? '',
    mode: 'count',
    count: String(r.drawn),
    share: '',
    inspectors: r.inspectors.join('\n'),
    perEnterprise: String(r.inspectorsPerEnterprise),
    seed: r.seed,
  };
}

export function DrawPage({ drawId }: { drawId: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const loadTownships = useTownships((s) => s.load);
  // The list is read again each time the page comes back to it (a draw may have been made).
  const list = useCall('draw:list', undefined, { isEnabled: drawId === null });
  const one = useCall('draw:get', { id: drawId ?? '' }, { isEnabled: drawId !== null });
  const draws = list.value;
  const record = one.value;
  const error = drawId === null ? list.error : one.error;
  const [draft, setDraft] = useState<{ no: number; value: DrawDraft } | null>(null);
  const repeats = useMemo(() => repeatsOf(draws ?? []), [draws]);

  useEffect(() => {
    void loadTownships();
    void call('thresholds:get', undefined).then((r) => setDraft({ no: 0, value: emptyDraft(r.ok ? r.value.settings.inspectionSharePct : 3) }));
  }, [loadTownships]);

  const goTo = (id: string) => {
    window.location.hash = subHref('directory', 'draw', id);
  };

  if (drawId) {
    return (
      <div className="draw" data-testid="draw-page">
        <p>
          <a href={subHref('directory', 'draw')}>{t('directory.draw.backToList')}</a>
        </p>
        {error ? <ErrorNotice error={error} /> : null}
        {record && record.id === drawId ? (
          <DrawRecordView
            record={record}
            onChanged={one.replace}
            onReplay={() => {
              setDraft((d) => ({ no: (d?.no ?? 0) + 1, value: replayDraft(record, inParens(t('directory.draw.replaySuffix'), language)) }));
              window.location.hash = subHref('directory', 'draw');
            }}
          />
        ) : null}
      </div>
    );
  }

  return (
    <div className="draw" data-testid="draw-page">
      {error ? <ErrorNotice error={error} /> : null}
      {draft ? <DrawForm key={draft.no} initial={draft.value} onDrawn={goTo} /> : null}
      <section className="panel draw-list" aria-labelledby="draw-list-title">
        <h2 className="panel__title" id="draw-list-title">
          {t('directory.draw.pastTitle')}
        </h2>
        <p className="muted">{t('directory.draw.areaNote')}</p>
        {draws === null ? null : draws.length === 0 ? (
          <p className="muted">{t('directory.draw.none')}</p>
        ) : (
          <table className="data-table dir-wide-table" data-testid="draw-list">
            <thead>
              <tr>
                <th scope="col">{t('directory.draw.title')}</th>
                <th scope="col">{t('directory.draw.seed')}</th>
                <th scope="col" className="num">
                  {t('directory.draw.drawn')}
                </th>
                <th scope="col" className="num">
                  {t('directory.draw.closedCount')}
                </th>
                <th scope="col">{t('directory.draw.by')}</th>
              </tr>
            </thead>
            <tbody>
              {draws.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <a href={subHref('directory', 'draw', d.id)}>{d.title}</a>
                    {repeats.has(d.id) ? (
                      <>
                        {' '}
                        <span className="badge badge--warn" data-testid="draw-repeat" title={t('directory.draw.repeatTitle', { total: repeats.get(d.id)?.total })}>
                          {t('directory.draw.repeat', repeats.get(d.id))}
                        </span>
                      </>
                    ) : null}
                  </th>
                  <td className="mono">{d.seed}</td>
                  <td className="num">
                    {d.drawn}/{d.poolSize}
                  </td>
                  <td className="num">{d.closed}</td>
                  <td>
                    {d.createdBy} · {formatDateTime(d.createdAt, language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
