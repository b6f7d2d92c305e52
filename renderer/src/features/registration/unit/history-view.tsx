import { useCallback } from 'react';
import type { LoadedPack } from '@shared/packs/load';
import { useCurrentPack } from '../../forms/packs-store';
import { useTranslation } from 'react-i18next';
import { isBlank, type Item, type Value } from '@shared/forms';
import { formatValue } from '@shared/rules/format';
import type { Language } from '@shared/session/settings';
import { unitStatuses } from '@shared/registration/units';
import { useLanguage } from '../../../app/store';
import { ChangeFromTo, ChangeHistoryTable, type HistoryChange } from '../../../components/change-history-table';
import { call } from '../../../lib/api';
import { itemOf, itemPlace } from '../../../lib/item-path';
import { fieldText } from '../../../lib/field-text';
import type { TFunction } from 'i18next';
import { isReviewKind, ReviewChange } from '../../review/history-change';
import { isReviewField } from '@shared/review/review';

/** The trace's time to the second: several saves can fall in one minute. */
const formatAt = (iso: string, language: Language) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
};

// A unit's change trace (修改依据和痕迹): who, when, on which device, what action,
// each item from → to, and why. Read-only, straight from units:history.

const knownActions = ['create', 'import', 'save', 'submit', 'not_found', 'out_of_scope', 'reopen', 'withdraw', 'sync', 'pack', 'code_industry'] as const;
type KnownAction = (typeof knownActions)[number];
const isKnownAction = (a: string): a is KnownAction => (knownActions as readonly string[]).includes(a);

/** 'forms.611.revenue' / '611.establishments.0.estName' / 'status' → words a person reads. */
function pathLabel(pack: LoadedPack | null, path: string, language: Language, t: TFunction): string {
  // A withdrawal received by sync: the tombstone field, shown as the withdrawal it is.
  if (path === '$delete') return t('registration.history.actions.withdraw');
  const parts = path.split('.');
  if (parts[0] === 'forms') parts.shift();
  if (parts[0] === 'explanations') return `${t('registration.history.explanation')} ${parts.slice(1).join('.')}`;
  if (parts[0] === 'status') return t('registration.history.status');
  if (parts[0] === 'notFoundReason') return t('registration.history.notFoundReason');
  if (parts[0] === 'outOfScopeReason') return t('registration.history.outOfScopeReason');
  if (parts[0] === 'formPack') return t('registration.history.formPack');
  // A unit attribute received by sync (industryCode, name, …) by its label, not its key.
  return itemOf(pack, path) ? itemPlace(pack, path, language) : fieldText(pack, path, language, t);
}

/** A value as the form shows it: codes with their names (1040（超市）), yes/no, units. */
function show(pack: LoadedPack | null, value: unknown, blank: string, item: Item | undefined, language: Language): string {
  if (isBlank(value)) return blank;
  // A tombstone's value is { reason }: the reason is what a person reads.
  if (typeof value === 'object' && value !== null && 'reason' in value && typeof value.reason === 'string') return value.reason;
  const isScalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  if (item && isScalar && pack) return formatValue(item, value satisfies Value, language === 'en' ? 'en' : 'zh', pack.findCode);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function HistoryView({ unitId, version }: { unitId: string; version: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  const load = useCallback(() => call('units:history', { id: unitId }), [unitId]);

  const statusName = (v: unknown) =>
    typeof v === 'string' && (unitStatuses as readonly string[]).includes(v) ? t(`unitStatus.${v as (typeof unitStatuses)[number]}`) : v;
  const actionText = (action: string) =>
    isKnownAction(action) ? t(`registration.history.actions.${action}`) : isReviewKind(action) ? t(`review.timeline.kinds.${action}`) : action;
  const renderChange = (c: HistoryChange) => {
    // Review steps travel as unit fields 'review.e-…': shown as what happened.
    if (isReviewField(c.path)) return <ReviewChange value={c.to} />;
    const item = itemOf(pack, c.path);
    const blank = t('registration.history.blank');
    return (
      <ChangeFromTo
        item={pathLabel(pack, c.path, language, t)}
        from={show(pack, c.path === 'status' ? statusName(c.from) : c.from, blank, item, language)}
        to={show(pack, c.path === 'status' ? statusName(c.to) : c.to, blank, item, language)}
      />
    );
  };

  return (
    <ChangeHistoryTable
      kind="unit"
      load={load}
      version={version}
      formatAt={(iso) => formatAt(iso, language)}
      actionText={actionText}
      renderChange={renderChange}
    />
  );
}
