import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { IndicatorKey, indicatorDef } from '@shared/ledger/indicators';
import { SignatureValue, signoffFieldPattern } from '@shared/ledger/signoff';
import { formatFigure } from '../../ledger/figure-format';
import type { Language } from '@shared/session/settings';
import { useLanguage } from '../../../app/store';
import { ChangeFromTo, ChangeHistoryTable } from '../../../components/change-history-table';
import { call } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { fieldLabel, valueText } from '../field-labels';

// Everything done to an enterprise and under it (identity, ledger cells, evidence, follow-up,
// materials, inspections): who, when, on which device, from → to, and why. Read-only.

const knownActions = ['create', 'update', 'import', 'ledger', 'ledgerSigned', 'signoff', 'annual', 'evidence', 'followup', 'materials', 'inspection', 'liaison', 'sync'] as const;
type KnownAction = (typeof knownActions)[number];
const isKnownAction = (a: string): a is KnownAction => (knownActions as readonly string[]).includes(a);

/** 'fields.name' → 单位名称; a ledger cell path ('ledger.2024.3.revenue' and the like) → 2024年3月 营业收入. */
function pathText(t: TFunction, language: Language, path: string): string {
  const signoff = signoffFieldPattern.exec(path);
  if (signoff) {
    return `${t('directory.evidence.period', { year: Number(signoff[1]), month: Number(signoff[2]) })} ${t(`directory.ledger.signoff.roles.${signoff[3] === 'unitHead' ? 'unitHead' : 'statisticsHead'}`)}`;
  }
  const parts = path.split(/[.-]/);
  const indicator = parts.find((p) => IndicatorKey.safeParse(p).success);
  const numbers = parts.filter((p) => /^\d{1,4}$/.test(p)).map(Number);
  const year = numbers.find((n) => n >= 2000);
  const month = numbers.find((n) => n >= 1 && n <= 12);
  if (indicator && year !== undefined && month !== undefined) {
    const parsed = IndicatorKey.parse(indicator);
    const def = indicatorDef(parsed);
    return `${t('directory.evidence.period', { year, month })} ${language === 'en' ? def.en : def.zh}`;
  }
  return fieldLabel(t, path);
}

/** A ledger figure in its form unit (用电量 12345 → 1.2345), a signature as name and date; else as stored. */
function changeValue(t: TFunction, language: Language, path: string, value: unknown): string {
  const indicator = /^(?:ledger|annual)\..*\.([A-Za-z]+)$/.exec(path)?.[1];
  const key = IndicatorKey.safeParse(indicator);
  if (key.success && typeof value === 'number') return formatFigure(indicatorDef(key.data), value, language);
  const sig = SignatureValue.safeParse(value);
  if (signoffFieldPattern.test(path) && sig.success) return t('directory.ledger.signoff.signedBy', { name: sig.data.name, date: sig.data.date });
  return valueText(t, value);
}

export function EnterpriseHistory({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const load = useCallback(() => call('enterprises:history', { id }), [id]);
  return (
    <ChangeHistoryTable
      kind="enterprise"
      load={load}
      version={version}
      formatAt={(iso) => formatDateTime(iso, language)}
      actionText={(action) => (isKnownAction(action) ? t(`directory.history.actions.${action}`) : action)}
      renderChange={(c) => <ChangeFromTo item={pathText(t, language, c.path)} from={changeValue(t, language, c.path, c.from)} to={changeValue(t, language, c.path, c.to)} />}
    />
  );
}
