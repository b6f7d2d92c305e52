import type { TFunction } from 'i18next';
import { annualFieldPattern, ledgerFieldPattern } from '@shared/directory/sync-fields';
import { formatIndicatorValue, parseIndicatorValue } from '@shared/ledger/indicator-values';
import { IndicatorKey, indicatorDef, type IndicatorDef } from '@shared/ledger/indicators';
import { SignatureValue, signoffFieldPattern } from '@shared/ledger/signoff';
import type { LoadedPack } from '@shared/packs/load';
import type { Language } from '@shared/session/settings';
import { SyncEntity, type JsonValue } from '@shared/sync/protocol';
import { subHref } from '../app/router';
import { fieldLabel, valueText as enterpriseValueText } from '../features/directory/field-labels';
import { fieldText, fieldValueText } from './field-text';

// Any synced record's field and value in words, for the lists of conflicts: a unit's item as its
// form names it (field-text.ts), an enterprise's ledger cell as "台账 2024年3月 · 零售额" with the
// figure in its form unit, other kinds by their fields' labels where the UI has them. A field
// this build does not know is shown as stored.

/** The kind of record in words ('企业', '核查任务'…); an unknown kind as stored. */
export function recordKindText(entity: string, t: TFunction): string {
  const kind = SyncEntity.safeParse(entity);
  return kind.success ? t(`conflicts.kinds.${kind.data}`) : entity;
}

/** Where the record is opened, for kinds with a page of their own. */
export function recordHref(entity: string, id: string): string | null {
  if (entity === 'unit') return subHref('review', 'unit', id);
  if (entity === 'enterprise') return subHref('directory', 'enterprise', id);
  return null;
}

interface Cell {
  def: IndicatorDef;
  label: string;
}

/** The indicator of a ledger or annual-figure field, and the field in words. */
function cellOf(field: string, language: Language, t: TFunction): Cell | null {
  const ledger = ledgerFieldPattern.exec(field);
  const annual = ledger ? null : annualFieldPattern.exec(field);
  const key = IndicatorKey.safeParse(ledger?.[3] ?? annual?.[2]);
  if (!key.success) return null;
  const def = indicatorDef(key.data);
  const unit = t(`directory.units.${def.unit}`);
  const indicator = language === 'en' ? `${def.en} (${unit})` : `${def.zh}（${unit}）`;
  const label = ledger
    ? t('conflicts.fields.ledger', { period: t('directory.evidence.period', { year: Number(ledger[1]), month: Number(ledger[2]) }), indicator })
    : t('conflicts.fields.annual', { year: Number(annual?.[1]), indicator });
  return { def, label };
}

/** 'signoff.2024-03.unitHead' → 台账 2024年3月 · 单位负责人签字. */
function signoffText(field: string, t: TFunction): string | null {
  const m = signoffFieldPattern.exec(field);
  if (!m) return null;
  const role = t(`directory.ledger.signoff.roles.${m[3] === 'unitHead' ? 'unitHead' : 'statisticsHead'}`);
  return t('conflicts.fields.ledger', { period: t('directory.evidence.period', { year: Number(m[1]), month: Number(m[2]) }), indicator: role });
}

export function recordFieldText(entity: string, pack: LoadedPack | null, field: string, language: Language, t: TFunction): string {
  if (entity === 'unit') return fieldText(pack, field, language, t);
  if (field === '$create') return t('syncFields.create');
  if (field === '$delete') return t('syncFields.delete');
  if (entity === 'enterprise') return cellOf(field, language, t)?.label ?? signoffText(field, t) ?? fieldLabel(t, field);
  return field;
}

export function recordValueText(entity: string, pack: LoadedPack | null, field: string, value: JsonValue, language: Language, t: TFunction): string {
  if (entity === 'unit') return fieldValueText(pack, field, value, language, t);
  const cell = entity === 'enterprise' ? cellOf(field, language, t) : null;
  if (cell && typeof value === 'number') return `${formatIndicatorValue(cell.def, value)} ${t(`directory.units.${cell.def.unit}`)}`;
  const signature = entity === 'enterprise' && signoffFieldPattern.test(field) ? SignatureValue.safeParse(value) : null;
  if (signature?.success) return t('directory.ledger.signoff.signedBy', { name: signature.data.name, date: signature.data.date });
  return enterpriseValueText(t, value);
}

/** Whether a third value can be typed for this field here (a unit's item, a ledger figure). */
export function canTypeValue(entity: string, field: string): boolean {
  return entity === 'unit' || (entity === 'enterprise' && (ledgerFieldPattern.test(field) || annualFieldPattern.test(field)));
}

/**
 * A typed ledger figure as stored (the form unit × 10^scale), or why it cannot be; null for a
 * field that is not a ledger figure (the caller handles units).
 */
export function typedFigure(entity: string, field: string, text: string, language: Language, t: TFunction): { value: JsonValue; problems: string[] } | null {
  if (entity !== 'enterprise') return null;
  const cell = cellOf(field, language, t);
  if (!cell) return null;
  if (text.trim() === '') return { value: null, problems: [] };
  const parsed = parseIndicatorValue(cell.def, text);
  if (parsed.ok) {
    if (parsed.value < 0 && !cell.def.mayBeNegative) return { value: null, problems: [t('conflicts.figure.negative')] };
    return { value: parsed.value, problems: [] };
  }
  if (parsed.reason === 'NOT_A_NUMBER') return { value: null, problems: [t('conflicts.figure.notNumber')] };
  return { value: null, problems: [cell.def.scale === 0 ? t('conflicts.figure.whole') : t('conflicts.figure.decimals', { scale: cell.def.scale })] };
}
