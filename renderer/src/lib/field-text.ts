import type { TFunction } from 'i18next';
import { isReviewField, ReviewEventValue } from '@shared/review/review';
import type { Language } from '@shared/session/settings';
import { UnitKind, UnitStatus } from '@shared/registration/units';
import { isBlank } from '@shared/forms/values';
import type { LoadedPack } from '@shared/packs/load';
import { itemOf, itemPlace, showValue } from './item-path';

// A synced unit field and its value in words, for the sync page and the conflicts page: a form
// item as the form names it (611表 · 从业人员期末人数) with coded values by their names, the
// unit's own attributes by their labels (status "draft" → 单位状态 · 草稿), review steps by what
// happened. Nobody should have to read "status" and "draft".

const attributeKeys = [
  'status',
  'name',
  'kind',
  'areaCode',
  'uscc',
  'address',
  'industryCode',
  'source',
  'notFoundReason',
  'outOfScopeReason',
  'explanations',
  'frameRow',
  'lastYear',
] as const;
type AttributeKey = (typeof attributeKeys)[number];
const isAttribute = (field: string): field is AttributeKey => (attributeKeys as readonly string[]).includes(field);

/** A unit field's name in words; a field this build does not know is shown as stored. */
export function fieldText(pack: LoadedPack | null, field: string, language: Language, t: TFunction): string {
  if (itemOf(pack, field)) return itemPlace(pack, field, language);
  if (isAttribute(field)) return t(`syncFields.${field}`);
  if (field === '$delete') return t('syncFields.delete');
  if (field === '$create') return t('syncFields.create');
  if (field === '$resolve') return t('syncFields.resolve');
  if (isReviewField(field)) return t('syncFields.review');
  return field;
}

const asRecord = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** A unit field's value as the form or the unit page shows it. */
export function fieldValueText(pack: LoadedPack | null, field: string, value: unknown, language: Language, t: TFunction): string {
  if (field === 'status') {
    const status = UnitStatus.safeParse(value);
    if (status.success) return t(`unitStatus.${status.data}`);
  }
  if (field === 'kind') {
    const kind = UnitKind.safeParse(value);
    if (kind.success) return t(`registration.kinds.${kind.data}`);
  }
  if (field === 'source' && (value === 'frame' || value === 'field')) return t(`registration.unit.sources.${value}`);
  if (field === '$delete') {
    const reason = asRecord(value)?.reason;
    return value === null ? t('syncFields.restored') : t('syncFields.deleted', { reason: typeof reason === 'string' ? reason : '' });
  }
  if (field === '$create') {
    const created = asRecord(value);
    const kind = UnitKind.safeParse(created?.kind);
    const area = typeof created?.areaCode === 'string' ? created.areaCode : '';
    if (kind.success) return t('syncFields.created', { kind: t(`registration.kinds.${kind.data}`), area });
  }
  if (isReviewField(field)) {
    const event = ReviewEventValue.safeParse(value);
    if (event.success) return t('syncFields.reviewBy', { kind: t(`review.timeline.kinds.${event.data.kind}`), name: event.data.by.name });
  }
  if (field === '$resolve') {
    const resolved = asRecord(value);
    if (resolved && 'value' in resolved) return showValue(pack, '', resolved.value, language);
  }
  // Form items: codes with their names, 年月 in words, units, blank as the form says it.
  if (itemOf(pack, field)) return showValue(pack, field, value, language);
  if (isBlank(value)) return t('syncFields.blank');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
