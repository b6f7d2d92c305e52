import { useTranslation } from 'react-i18next';
import { indicatorDef } from '@shared/ledger/indicators';
import type { EvidenceFigure } from '@shared/ledger/wire';
import { useLanguage } from '../../app/store';
import { colon, joinClauses, joinList } from '../../lib/format';

/** “2024年3月：营业收入、利润总额” — the figures an evidence file backs, grouped by month. */
export function FiguresText({ figures }: { figures: readonly EvidenceFigure[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (figures.length === 0) return <span className="muted">{t('directory.evidence.noFigures')}</span>;
  const byMonth = new Map<string, string[]>();
  for (const f of figures) {
    const key = t('directory.evidence.period', { year: f.year, month: f.month });
    const def = indicatorDef(f.indicator);
    byMonth.set(key, [...(byMonth.get(key) ?? []), language === 'en' ? def.en : def.zh]);
  }
  return (
    <span>
      {joinClauses([...byMonth].map(([period, names]) => `${period}${colon(language)}${joinList(names, language)}`), language)}
    </span>
  );
}
