import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '@shared/registration/registration';

interface UnitFactsProps {
  unit: Pick<UnitDetail, 'uscc' | 'areaCode' | 'kind' | 'source'>;
  /** Only the enumerator's header marks the USCC for tests; the review page leaves it unmarked. */
  usccTestId?: string;
}

/** The unit's USCC, 普查小区, kind and source under its name, on the unit page and the review page alike. */
export function UnitFacts({ unit, usccTestId }: UnitFactsProps) {
  const { t } = useTranslation();
  return (
    <dl className="unit-header__facts">
      <div>
        <dt>{t('registration.list.uscc')}</dt>
        <dd className="mono" data-testid={usccTestId}>
          {unit.uscc || '—'}
        </dd>
      </div>
      <div>
        <dt>{t('registration.list.area')}</dt>
        <dd className="mono">{unit.areaCode}</dd>
      </div>
      <div>
        <dt>{t('registration.unit.kind')}</dt>
        <dd>{t(`registration.kinds.${unit.kind}`)}</dd>
      </div>
      <div>
        <dt>{t('registration.unit.source')}</dt>
        <dd>{t(`registration.unit.sources.${unit.source}`)}</dd>
      </div>
    </dl>
  );
}
