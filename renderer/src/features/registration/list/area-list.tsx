import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitList } from '@shared/registration/registration';
import { useLanguage } from '../../../app/store';
import { call } from '../../../lib/api';
import { formatCount } from '../../../lib/format';

/** Names of 普查区 (village-level division codes) from the division store; absent when the
 * deployment's divisions are not loaded, and then only the code is shown. */
function useDistrictNames(codes: readonly string[]): Readonly<Record<string, string>> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = codes.join(',');
  useEffect(() => {
    let isCurrent = true;
    const wanted = key === '' ? [] : key.split(',');
    void Promise.all(
      wanted.map(async (code) => {
        const result = await call('divisions:search', { query: code, limit: 1 });
        const row = result.ok ? result.value.find((r) => r.code === code) : undefined;
        return row ? ([code, row.name] as const) : null;
      }),
    ).then((found) => {
      if (isCurrent) setNames(Object.fromEntries(found.filter((f) => f !== null)));
    });
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return names;
}

interface Props {
  areas: UnitList['areas'];
  selected: string;
  onSelect(areaPrefix: string): void;
}

const DONE = ['submitted', 'approved', 'accepted', 'not_found'] as const;

/**
 * The enumerator's 普查小区, grouped under their 普查区 (the first 12 digits), each with its
 * unit count and how many are done (submitted, approved or recorded as not found). A unit
 * marked 非普查对象 is neither done nor to do: it leaves the count.
 */
export function AreaList({ areas, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const districts = new Map<string, UnitList['areas']>();
  for (const area of areas) {
    const district = area.areaCode.slice(0, 12);
    districts.set(district, [...(districts.get(district) ?? []), area]);
  }
  const total = areas.reduce((n, a) => n + a.total, 0);
  const names = useDistrictNames([...districts.keys()]);
  return (
    <nav className="areas" aria-label={t('registration.list.areasTitle')}>
      <h2 className="areas__title">{t('registration.list.areasTitle')}</h2>
      <ul className="areas__list">
        <li>
          <button
            type="button"
            className="areas__item"
            aria-pressed={selected === ''}
            data-testid="area-all"
            onClick={() => onSelect('')}
          >
            <span>{t('registration.list.allAreas')}</span>
            <span className="areas__count">{formatCount(total, language)}</span>
          </button>
        </li>
        {[...districts].map(([district, list]) => (
          <li key={district}>
            <p className="areas__district">
              {t('registration.list.district')} <span className="mono">{district}</span>
              {names[district] ? <span className="areas__name">{names[district]}</span> : null}
            </p>
            <ul className="areas__list">
              {list.map((area) => {
                const done = DONE.reduce((n, s) => n + area.byStatus[s], 0);
                return (
                  <li key={area.areaCode}>
                    <button
                      type="button"
                      className="areas__item"
                      aria-pressed={selected === area.areaCode}
                      data-testid={`area-${area.areaCode}`}
                      onClick={() => onSelect(area.areaCode)}
                    >
                      <span>
                        {t('registration.list.subArea')} <span className="mono">{area.areaCode.slice(12)}</span>
                      </span>
                      <span className="areas__count" title={t('registration.list.doneOfTotal')}>
                        {formatCount(done, language)}/{formatCount(area.total - area.byStatus.out_of_scope, language)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}
