import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressArea } from '@shared/progress/progress';
import { checkDecision } from '@shared/review/review';
import { reviewStages, type ReviewStage } from '@shared/review/queue';
import type { SessionRole } from '@shared/session/roles';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { useCall } from '../../../lib/use-call';
import { formatCount, inParens } from '../../../lib/format';
import { BulkBar } from './bulk-bar';
import { QUEUE_PAGE_SIZE, useQueueStore } from './queue-store';
import { QueueTable } from './queue-table';

// The reviewer's queue (审核队列): one tab per review stage with its count (the role's own
// stage first: a supervisor's submitted units, the bureau's approved ones), filters by area,
// enumerator, clean units and name, and bulk approval or acceptance of clean units.

/** The bulk decision a role may make on a stage, if any. */
export function bulkDecisionFor(role: SessionRole, stage: ReviewStage | null): 'approve' | 'accept' | null {
  if (stage === 'submitted' && checkDecision(role, 'approve', 'submitted').ok) return 'approve';
  if (stage === 'approved' && checkDecision(role, 'accept', 'approved').ok) return 'accept';
  return null;
}

/** 普查区 and 普查小区 for the area filter, with names, from the progress figures. */
function useAreaOptions(): { districts: ProgressArea[]; subDistricts: ProgressArea[] } {
  const { value } = useCall('progress:get', { days: 1 });
  return { districts: value?.districts ?? [], subDistricts: value?.subDistricts ?? [] };
}

export function QueuePage({ role }: { role: SessionRole }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const s = useQueueStore();
  const { load } = s;
  const areas = useAreaOptions();
  useEffect(() => {
    void load();
  }, [load]);

  const queue = s.queue.value;
  const bulkDecision = bulkDecisionFor(role, s.stage);
  const n = (v: number) => formatCount(v, language);
  const districtName = new Map(areas.districts.map((d) => [d.code, d.name]));

  return (
    <div className="review-queue" data-testid="review-queue" data-stage={s.stage ?? ''}>
      <div className="chips" role="group" aria-label={t('review.queue.stages')}>
        {reviewStages.map((stage) => (
          <button
            key={stage}
            type="button"
            className="chip"
            aria-pressed={s.stage === stage}
            data-testid={`review-stage-${stage}`}
            onClick={() => s.setFilter({ stage })}
          >
            {t(`review.stages.${stage}`)}
            {queue ? (
              <span className="chip__count" data-testid={`review-stage-count-${stage}`}>
                {n(queue.stageCounts[stage])}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div className="review-filters">
        <label className="review-filters__field">
          <span>{t('review.queue.area')}</span>
          <select
            className="field__input field__input--select"
            data-testid="review-filter-area"
            value={s.areaPrefix}
            onChange={(e) => s.setFilter({ areaPrefix: e.target.value })}
          >
            <option value="">{t('review.queue.allAreas')}</option>
            {areas.districts.map((d) => (
              <optgroup key={d.code} label={d.name ? `${d.code} ${d.name}` : d.code}>
                <option value={d.code}>{t('review.queue.wholeDistrict', { name: d.name || d.code })}</option>
                {areas.subDistricts
                  .filter((sd) => sd.code.startsWith(d.code))
                  .map((sd) => (
                    <option key={sd.code} value={sd.code}>
                      {t('review.queue.subDistrict', { seq: sd.code.slice(12), name: districtName.get(d.code) ?? '' })}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="review-filters__field">
          <span>{t('review.queue.enumerator')}</span>
          <select
            className="field__input field__input--select"
            data-testid="review-filter-enumerator"
            value={s.enumeratorId}
            onChange={(e) => s.setFilter({ enumeratorId: e.target.value })}
          >
            <option value="">{t('review.queue.allEnumerators')}</option>
            {(queue?.enumerators ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
                {inParens(n(e.count), language)}
              </option>
            ))}
          </select>
        </label>
        <label className="review-filters__check">
          <input
            type="checkbox"
            data-testid="review-filter-clean"
            checked={s.isCleanOnly}
            onChange={(e) => s.setFilter({ isCleanOnly: e.target.checked })}
          />
          {t('review.queue.cleanOnly')}
        </label>
        <label className="filters__search">
          <span className="visually-hidden">{t('review.queue.search')}</span>
          <input
            type="search"
            className="field__input"
            data-testid="review-search"
            placeholder={t('review.queue.search')}
            value={s.query}
            onChange={(e) => s.setQuery(e.target.value)}
          />
        </label>
      </div>
      {s.queue.error ? <ErrorNotice error={s.queue.error} onRetry={() => void load()} /> : null}
      {bulkDecision && queue ? <BulkBar decision={bulkDecision} rows={queue.rows} /> : null}
      {queue ? (
        <>
          <p className="muted" role="status" data-testid="review-queue-count">
            {t('review.queue.showing', { shown: n(queue.rows.length), total: n(queue.total) })}
          </p>
          {queue.rows.length > 0 ? (
            <QueueTable rows={queue.rows} canSelect={bulkDecision !== null} selected={s.selected} onToggle={s.toggle} />
          ) : (
            <p className="empty-state" data-testid="review-queue-empty">
              {t(`review.queue.empty.${queue.stage}`)}
            </p>
          )}
          {queue.total > QUEUE_PAGE_SIZE ? (
            <div className="pager">
              <button type="button" className="button button--secondary" disabled={s.offset === 0} onClick={() => s.setPage(s.offset - QUEUE_PAGE_SIZE)}>
                {t('registration.list.prev')}
              </button>
              <span>
                {n(s.offset + 1)}–{n(Math.min(s.offset + QUEUE_PAGE_SIZE, queue.total))}
              </span>
              <button
                type="button"
                className="button button--secondary"
                disabled={s.offset + QUEUE_PAGE_SIZE >= queue.total}
                onClick={() => s.setPage(s.offset + QUEUE_PAGE_SIZE)}
              >
                {t('registration.list.next')}
              </button>
            </div>
          ) : null}
        </>
      ) : s.queue.isLoading ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
    </div>
  );
}
