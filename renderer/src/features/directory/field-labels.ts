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
  'unitKind',
  'parentUscc',
  'qualificationKind',
  'isLocallyRegistered',
  'hasDevelopmentActivity',
  'foundedOn',
  'isNewBuild',
  'projectInvestment',
  'isProjectUnderConstruction',
  // No longer edited; older changes and laptops still name it.
  'hasQualification',
  'status',
  'statusNote',
] as const;
export type EnterpriseFieldKey = (typeof enterpriseFieldKeys)[number];

export const isEnterpriseField = (v: string): v is EnterpriseFieldKey => (enterpriseFieldKeys as readonly string[]).includes(v);

export function fieldLabel(t: TFunction, field: string): string {
  const key = field.replace(/^fields\./, '');
  if (isEnterpriseField(key)) return t(`directory.fields.${key}`);
  // 企业包保 (shared/liaison/sync-fields.ts): the department an import sets, an assignment, a visit.
  if (key === 'liaisonDepartment') return t('liaison.paths.department');
  if (key.startsWith('liaison.assign.')) return t('liaison.paths.assignment');
  if (key.startsWith('visit.')) return t('liaison.paths.visit');
  return field;
}

/** A changed value as text: booleans as 是/否, empty as —. */
export function valueText(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('directory.yes') : t('directory.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  // A 包保 assignment or visit reads as what it says, not as its JSON.
  if (typeof value === 'object' && 'official' in value && typeof value.official === 'string' && 'since' in value && typeof value.since === 'string') {
    const department = 'department' in value && typeof value.department === 'string' && value.department !== '' ? ` · ${value.department}` : '';
    return t('liaison.paths.assignmentText', { official: value.official, department, since: value.since });
  }
  if (typeof value === 'object' && 'discussed' in value && typeof value.discussed === 'string' && 'date' in value && typeof value.date === 'string') return `${value.date} ${value.discussed}`;
  return JSON.stringify(value);
}
