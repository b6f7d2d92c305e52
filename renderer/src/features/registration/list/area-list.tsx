import { useTranslation } from 'react-i18next';
import type { UnitList } from '../../../../../shared/registration';
import { useLanguage } from '../../../app/store';
import { formatCount } from '../../../lib/format';

interface Props {
  areas: UnitList['areas'];
  selected: string;
  onSelect(areaPrefix: string): void;
}

const DONE = ['submitted', 'approved', 'not_found'] as const;

/**
 * The enumerator's 普查小区, grouped under their 普查区 (the first 12 digits), each with its
 * unit count and how many are done (submitted, approved or recorded as not found).
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
                        {formatCount(done, language)}/{formatCount(area.total, language)}
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
