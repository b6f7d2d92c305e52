import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBuiltinPack } from '../../forms/packs-store';
import { industryByCode } from '@shared/codes/industry';
import type { EnterpriseDetail } from '@shared/directory/directory';
import { subHref } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { formatDateTime, inParens } from '../../../lib/format';
import { valueText } from '../field-labels';
import { useTownships } from '../townships';
import { IdentityForm } from './identity-form';

// The enterprise's identity as stored, and the form to change it.

export function IdentityPanel({ detail }: { detail: EnterpriseDetail }) {
  const { t } = useTranslation();
  const pack = useBuiltinPack();
  const language = useLanguage();
  const townshipNames = useTownships((s) => s.names);
  const [isEditing, setIsEditing] = useState(false);
  if (isEditing) return <IdentityForm detail={detail} onDone={() => setIsEditing(false)} />;

  const f = detail.fields;
  const industry = f.industryCode ? industryByCode(f.industryCode) : undefined;
  const category = f.registrationCategory ? pack?.findCode('registrationCategory', f.registrationCategory) : undefined;
  const institution = f.institutionType ? pack?.findCode('institutionType', f.institutionType) : undefined;
  const codeName = (c: { zh: string; en: string } | undefined) => (c ? (language === 'en' ? c.en : c.zh) : '');
  const township = townshipNames.get(f.divisionCode.slice(0, 9));

  const rows: [string, string][] = [
    [t('directory.fields.name'), f.name],
    [t('directory.fields.uscc'), f.uscc || '—'],
    // The org code entered, or the one the USCC holds at positions 9–17.
    [t('directory.fields.orgCode'), f.orgCode || f.uscc.slice(8, 17) || '—'],
    [t('directory.fields.address'), f.address || '—'],
    [t('directory.fields.divisionCode'), `${f.divisionCode}${township ? inParens(township, language) : ''}`],
    [t('directory.fields.industryCode'), f.industryCode ? `${f.industryCode} ${industry?.name ?? ''}` : '—'],
    [t('directory.fields.registrationCategory'), f.registrationCategory ? `${f.registrationCategory} ${codeName(category)}` : '—'],
    [t('directory.fields.institutionType'), f.institutionType ? `${f.institutionType} ${codeName(institution)}` : '—'],
    [t('directory.fields.scale'), t(`directory.scale.${f.scale}`)],
    [t('directory.fields.isOnlineReporter'), valueText(t, f.isOnlineReporter)],
    [t('directory.fields.unitKind'), t(`directory.unitKinds.${f.unitKind}`)],
    ...(f.unitKind === 'establishment' ? [[t('directory.fields.parentUscc'), f.parentUscc || '—'] as [string, string]] : []),
    [t('directory.fields.foundedOn'), f.foundedOn || '—'],
    [t('directory.fields.isNewBuild'), valueText(t, f.isNewBuild)],
    [t('directory.fields.qualificationKind'), t(`directory.qualificationKinds.${f.qualificationKind}`)],
    [t('directory.fields.isLocallyRegistered'), f.isLocallyRegistered === null ? t('directory.identity.unstated') : valueText(t, f.isLocallyRegistered)],
    [t('directory.fields.hasDevelopmentActivity'), valueText(t, f.hasDevelopmentActivity)],
    [t('directory.fields.projectInvestment'), f.projectInvestment === null ? '—' : String(f.projectInvestment)],
    [t('directory.fields.isProjectUnderConstruction'), valueText(t, f.isProjectUnderConstruction)],
    [t('directory.fields.liaison'), f.liaison || '—'],
    [t('directory.fields.legalRepresentative'), f.legalRepresentative || '—'],
    [t('directory.fields.phone'), f.phone || '—'],
    [t('directory.fields.status'), `${t(`directory.statuses.${f.status}`)}${f.statusNote ? inParens(f.statusNote, language) : ''}`],
    [t('directory.identity.threshold'), detail.threshold ? (language === 'en' ? detail.threshold.en : detail.threshold.zh) : t('directory.identity.noThreshold')],
    ...(detail.threshold?.measure ? [[t('directory.identity.measure'), t(`directory.measures.${detail.threshold.measure}`)] as [string, string]] : []),
    [t('directory.identity.created'), formatDateTime(detail.createdAt, language)],
    [t('directory.identity.updated'), formatDateTime(detail.updatedAt, language)],
  ];
  return (
    <section className="panel identity-panel" data-testid="identity-panel">
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="facts__pair">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="form__actions">
        <button type="button" className="button button--secondary" data-testid="identity-edit" onClick={() => setIsEditing(true)}>
          {t('directory.identity.edit')}
        </button>
        {/* Who followed it when, and its visits: the 企业包保 page (features/liaison). */}
        <a className="button button--secondary" data-testid="identity-liaison" href={subHref('directory', 'liaison', detail.id)}>
          {t('liaison.openLiaison')}
        </a>
      </div>
    </section>
  );
}
