import type { TFunction } from 'i18next';

// Names of enterprise fields as main reports them (import changes, history paths). Main may
// report a field this renderer does not know (a newer version): it is shown as is.

export const enterpriseFieldKeys = [
  'uscc',
  'orgCode',
  'name',
  'address',
  'divisionCode',
  'industryCode',
  'registrationCategory',
  'institutionType',
  'scale',
  'isOnlineReporter',
  'liaison',
  'legalRepresentative',
  'phone',
  'hasQualification',
  'status',
  'statusNote',
] as const;
export type EnterpriseFieldKey = (typeof enterpriseFieldKeys)[number];

export const isEnterpriseField = (v: string): v is EnterpriseFieldKey => (enterpriseFieldKeys as readonly string[]).includes(v);

export function fieldLabel(t: TFunction, field: string): string {
  const key = field.replace(/^fields\./, '');
  return isEnterpriseField(key) ? t(`directory.fields.${key}`) : field;
}

/** A changed value as text: booleans as 是/否, empty as —. */
export function valueText(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('directory.yes') : t('directory.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
