import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { enterpriseStatuses, unitKinds, type EnterpriseStatus, type Scale, type UnitKind } from '@shared/directory/directory';
import { industryEntries } from '@shared/codes/industry';
import { useTownships } from '../townships';
import { hasAnyFilter, useDirectoryList } from './list-store';

// Search and filters above the directory table: township, industry (a section or one of its
// divisions), scale, 包保责任人, unit kind, the 达标/准规模/成长型 flags and status.

const isScale = (v: string): v is Scale => v === 'above' || v === 'below';
const isStatus = (v: string): v is EnterpriseStatus => (enterpriseStatuses as readonly string[]).includes(v);
const isUnitKind = (v: string): v is UnitKind => (unitKinds as readonly string[]).includes(v);

/** GB/T 4754 sections with their divisions, for one grouped <select>. */
function useIndustryGroups() {
  return useMemo(() => {
    const all = industryEntries();
    return all
      .filter((e) => e.level === 1)
      .map((section) => ({ section, divisions: all.filter((e) => e.level === 2 && e.section === section.code) }));
  }, []);
}

export function FiltersBar() {
  const { t } = useTranslation();
  const filters = useDirectoryList((s) => s.filters);
  const setFilter = useDirectoryList((s) => s.setFilter);
  const clearFilters = useDirectoryList((s) => s.clearFilters);
  const townships = useTownships((s) => s.townships);
  const industryGroups = useIndustryGroups();

  return (
    <div className="dir-filters" role="search">
      <label className="dir-filters__search">
        <span className="visually-hidden">{t('directory.filters.search')}</span>
        <input
          type="search"
          className="field__input"
          data-testid="directory-search"
          placeholder={t('directory.filters.searchPlaceholder')}
          value={filters.query}
          onChange={(e) => setFilter('query', e.target.value)}
        />
      </label>
      <div className="dir-filters__row">
        <label className="dir-filter">
          <span className="dir-filter__label">{t('directory.filters.township')}</span>
          <select
            className="field__input field__input--select"
            data-testid="directory-filter-township"
            value={filters.township}
            onChange={(e) => setFilter('township', e.target.value)}
          >
            <option value="">{t('directory.filters.all')}</option>
            {townships.map((tw) => (
              <option key={tw.code} value={tw.code}>
                {tw.name}
              </option>
            ))}
          </select>
        </label>
        <label className="dir-filter">
          <span className="dir-filter__label">{t('directory.filters.industry')}</span>
          <select
            className="field__input field__input--select dir-filter__industry"
            data-testid="directory-filter-industry"
            value={filters.industry}
            onChange={(e) => setFilter('industry', e.target.value)}
          >
            <option value="">{t('directory.filters.all')}</option>
            {industryGroups.map(({ section, divisions }) => (
              <optgroup key={section.code} label={`${section.code} ${section.name}`}>
                <option value={section.code}>{t('directory.filters.wholeSection', { code: section.code, name: section.name })}</option>
                {divisions.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.code} {d.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="dir-filter">
          <span className="dir-filter__label">{t('directory.filters.scale')}</span>
          <select
            className="field__input field__input--select"
            data-testid="directory-filter-scale"
            value={filters.scale}
            onChange={(e) => setFilter('scale', isScale(e.target.value) ? e.target.value : '')}
          >
            <option value="">{t('directory.filters.all')}</option>
            <option value="above">{t('directory.scale.above')}</option>
            <option value="below">{t('directory.scale.below')}</option>
          </select>
        </label>
        <label className="dir-filter">
          <span className="dir-filter__label">{t('directory.filters.liaison')}</span>
          <input
            className="field__input dir-filter__liaison"
            data-testid="directory-filter-liaison"
            value={filters.liaison}
            placeholder={t('directory.filters.liaisonPlaceholder')}
            onChange={(e) => setFilter('liaison', e.target.value)}
          />
        </label>
        <label className="dir-filter">
          <span className="dir-filter__label">{t('directory.filters.status')}</span>
          <select
            className="field__input field__input--select"
            data-testid="directory-filter-status"
            value={filters.statuses[0] ?? ''}
            onChange={(e) => setFilter('statuses', isStatus(e.target.value) ? [e.target.value] : [])}
          >
            <option value="">{t('directory.filters.all')}</option>
            {enterpriseStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`directory.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="dir-filter">
          <span className="dir-filter__label">{t('directory.filters.unitKind')}</span>
          <select
            className="field__input field__input--select"
            data-testid="directory-filter-unitKind"
            value={filters.unitKinds[0] ?? ''}
            onChange={(e) => setFilter('unitKinds', isUnitKind(e.target.value) ? [e.target.value] : [])}
          >
            <option value="">{t('directory.filters.all')}</option>
            {unitKinds.map((k) => (
              <option key={k} value={k}>
                {t(`directory.unitKinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="chips dir-filter__flags" role="group" aria-label={t('directory.filters.flags')}>
          <button
            type="button"
            className="chip"
            aria-pressed={filters.isReached}
            data-testid="directory-filter-reached"
            onClick={() => setFilter('isReached', !filters.isReached)}
          >
            {t('directory.flags.reached')}
          </button>
          <button
            type="button"
            className="chip"
            aria-pressed={filters.isNearThreshold}
            data-testid="directory-filter-near"
            onClick={() => setFilter('isNearThreshold', !filters.isNearThreshold)}
          >
            {t('directory.flags.near')}
          </button>
          <button
            type="button"
            className="chip"
            aria-pressed={filters.isGrowth}
            data-testid="directory-filter-growth"
            onClick={() => setFilter('isGrowth', !filters.isGrowth)}
          >
            {t('directory.flags.growth')}
          </button>
        </div>
        {hasAnyFilter(filters) ? (
          <button type="button" className="button button--secondary button--small" data-testid="directory-filter-clear" onClick={clearFilters}>
            {t('directory.filters.clear')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
