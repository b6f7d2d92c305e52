import { useTranslation } from 'react-i18next';
import type { CountyFinding } from '@shared/registration/county-check';
import type { UnitDetail } from '@shared/registration/registration';
import { useLanguage } from '../../../app/store';
import { formatDateTime } from '../../../lib/format';
import { useDivisionNames } from '../division-names';

// The bureau's county-wide check of this unit (查重, 法人 ↔ 产业活动单位 links) as the laptop last
// received it: each finding names the other unit's 普查区 and name, and the notice says it comes
// from the server's check of the whole county as of its time. 核实性: to be checked with the
// supervisor; it does not block submitting (electron/main/registration/county-cache.ts says why).

/** 普查区: the first 12 digits of a 普查小区 code. */
const districtOf = (areaCode: string): string => areaCode.slice(0, 12);

function FindingLine({ finding, districtName }: { finding: CountyFinding; districtName: (code: string) => string | undefined }) {
  const { t } = useTranslation();
  const other = finding.other;
  if (!other) return <>{t('registration.county.parentMissing', { uscc: finding.basis })}</>;
  const district = districtOf(other.areaCode);
  const name = districtName(district);
  const values = {
    name: other.name || t('registration.unit.unnamed'),
    district: name ? t('registration.county.districtNamed', { code: district, name }) : t('registration.county.district', { code: district }),
    uscc: finding.basis,
  };
  switch (finding.kind) {
    case 'duplicate':
      return <>{t('registration.county.duplicate', values)}</>;
    case 'legal_as_establishment':
      return <>{t(other.unitType === '2' ? 'registration.county.againAsEstablishment' : 'registration.county.alreadyLegal', values)}</>;
    case 'unlisted_establishment':
      return <>{t('registration.county.unlisted', values)}</>;
    case 'parent_missing':
      return <>{t('registration.county.parentMissing', values)}</>;
  }
}

/** `isReview`: shown to the supervisor or the bureau reviewing the unit, who decide what stands. */
export function CountyNotice({ county, isReview = false }: { county: NonNullable<UnitDetail['county']>; isReview?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const districtName = useDivisionNames(county.findings.flatMap((f) => (f.other ? [districtOf(f.other.areaCode)] : [])));
  return (
    <section className="notice notice--warn county-notice" aria-labelledby="county-notice-title" data-testid="county-notice">
      <div className="notice__text">
        <p className="county-notice__title">
          <strong id="county-notice-title">{t('registration.county.title')}</strong>{' '}
          <span className="county-notice__source" data-testid="county-notice-source">
            {t('registration.county.source', { time: formatDateTime(county.computedAt, language) })}
          </span>
        </p>
        <ul className="county-notice__list">
          {county.findings.map((f) => (
            <li key={`${f.kind}-${f.other?.id ?? ''}`} data-testid={`county-finding-${f.kind}`} data-other={f.other?.id ?? ''}>
              <span className="badge badge--warn">{t(`registration.county.kinds.${f.kind}`)}</span> <FindingLine finding={f} districtName={districtName} />
            </li>
          ))}
        </ul>
        <p className="county-notice__hint">{t(isReview ? 'registration.county.reviewHint' : 'registration.county.hint')}</p>
      </div>
    </section>
  );
}
