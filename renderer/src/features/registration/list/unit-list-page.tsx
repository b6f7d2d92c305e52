import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitStatuses } from '@shared/registration/units';
import { useLanguage } from '../../../app/store';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Stat } from '../../../components/stat';
import { formatCount } from '../../../lib/format';
import { useOverview } from '../../overview/store';
import { AddUnit } from './add-unit';
import { AreaList } from './area-list';
import { FrameImport } from './frame-import';
import { PAGE_SIZE, useUnitList } from './list-store';
import { UnitTable } from './unit-table';
import { WithdrawnUnits } from './withdrawn-units';
import { useUnitSession } from '../unit/session-store';

// The enumerator's worklist: 普查小区 on the left, the units of the chosen one in
// a table with status filters and instant search by name, USCC, address (or pinyin initials),
// and the two ways units arrive: importing the listing frame and adding one found in the field.

export function UnitListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useOverview();
  const s = useUnitList();
  const { load } = s;
  const [dialog, setDialog] = useState<'import' | 'add' | null>(null);

  useEffect(() => {
    // Coming back from a unit: its last autosave finishes first, so the list shows its status.
    void useUnitSession
      .getState()
      .flush()
      .then(() => load());
  }, [load]);

  const refresh = () => {
    void load();
    void overview.refresh();
  };

  const list = s.list.value;
  const units = overview.value?.units;
  const isEmptyStore = list !== null && list.areas.length === 0;
  const n = (v: number) => formatCount(v, language);

  return (
    <div className="page page--wide" data-testid="page-registration">
      <h1 className="page__title">{t('registration.title')}</h1>
      <div className="toolbar">
        {units ? (
          <dl className="stats stats--compact">
            <Stat label={t('registration.totalUnits')} value={n(units.total)} testId="units-total" />
            <Stat label={t('registration.areas')} value={n(units.areas)} testId="units-areas" />
          </dl>
        ) : null}
        <div className="toolbar__actions">
          <button type="button" className="button button--primary" data-testid="frame-import" onClick={() => setDialog('import')}>
            {t('registration.frame.open')}
          </button>
          <button type="button" className="button button--secondary" data-testid="unit-add" onClick={() => setDialog('add')}>
            {t('registration.add.open')}
          </button>
          <WithdrawnUnits reloadKey={list} />
        </div>
      </div>
      {overview.error ? <ErrorNotice error={overview.error} onRetry={() => void overview.refresh()} /> : null}
      {s.list.error ? <ErrorNotice error={s.list.error} onRetry={() => void load()} /> : null}
      {isEmptyStore ? (
        <EmptyState testId="registration-empty" title={t('registration.emptyTitle')} body={t('registration.emptyBody')} />
      ) : (
        <div className="worklist">
          {list ? <AreaList areas={list.areas} selected={s.areaPrefix} onSelect={s.setArea} /> : null}
          <div className="worklist__main">
            <div className="filters">
              <label className="filters__search">
                <span className="visually-hidden">{t('registration.list.search')}</span>
                <input
                  type="search"
                  className="field__input"
                  data-testid="unit-search"
                  placeholder={t('registration.list.searchPlaceholder')}
                  value={s.query}
                  onChange={(e) => s.setQuery(e.target.value)}
                />
              </label>
              <div className="chips" role="group" aria-label={t('registration.list.statusFilter')}>
                <button type="button" className="chip" aria-pressed={s.statuses.length === 0} data-testid="status-filter-all" onClick={s.clearStatuses}>
                  {t('registration.list.allStatuses')}
                </button>
                {unitStatuses.map((status) => (
                  <button
                    key={status}
                    type="button"
                    className={`chip chip--${status}`}
                    aria-pressed={s.statuses.includes(status)}
                    data-testid={`status-filter-${status}`}
                    onClick={() => s.toggleStatus(status)}
                  >
                    <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
                    {t(`unitStatus.${status}`)}
                    {units ? (
                      <span className="chip__count" data-testid={`units-status-${status}`}>
                        {n(units.byStatus[status])}
                      </span>
                    ) : null}
                  </button>
                ))}
              </div>
            </div>
            {list ? (
              <>
                <p className="muted" role="status" data-testid="unit-count">
                  {t('registration.list.showing', { shown: n(list.rows.length), total: n(list.total) })}
                </p>
                {list.rows.length > 0 ? (
                  <UnitTable rows={list.rows} showArea={s.areaPrefix.length < 15} />
                ) : (
                  <p className="muted" data-testid="unit-none">
                    {t('registration.list.none')}
                  </p>
                )}
                {list.total > PAGE_SIZE ? (
                  <div className="pager">
                    <button type="button" className="button button--secondary" disabled={s.offset === 0} onClick={() => s.setPage(s.offset - PAGE_SIZE)}>
                      {t('registration.list.prev')}
                    </button>
                    <span>
                      {n(s.offset + 1)}–{n(Math.min(s.offset + PAGE_SIZE, list.total))}
                    </span>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={s.offset + PAGE_SIZE >= list.total}
                      onClick={() => s.setPage(s.offset + PAGE_SIZE)}
                    >
                      {t('registration.list.next')}
                    </button>
                  </div>
                ) : null}
              </>
            ) : s.list.isLoading ? (
              <p className="muted" role="status">
                {t('app.loading')}
              </p>
            ) : null}
          </div>
        </div>
      )}
      {dialog === 'import' ? <FrameImport onClose={() => setDialog(null)} onImported={refresh} /> : null}
      {dialog === 'add' ? (
        <AddUnit areas={list?.areas.map((a) => a.areaCode) ?? []} defaultArea={s.areaPrefix} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
