import { useTranslation } from 'react-i18next';
import { indicatorDef } from '@shared/ledger/indicators';
import type { LedgerFinding } from '@shared/ledger/wire';
import { useLanguage } from '../../app/store';
import { formatPercent } from '../directory/format';
import { formatFigure } from './figure-format';

// Consistency findings: where the ledger and what the unit reported in its census form or
// annual figures differ by more than the tolerance (a setting). They ask for a check, they
// change nothing.

/** `isEmpty`: nothing entered in the year's ledger, so there is nothing to agree or differ. */
export function LedgerFindings({ findings, isEmpty }: { findings: readonly LedgerFinding[]; isEmpty: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="panel ledger-findings" aria-labelledby="ledger-findings-title" data-testid="ledger-findings">
      <h2 className="panel__title" id="ledger-findings-title">
        {t('directory.findings.title')}
      </h2>
      {findings.length === 0 ? (
        <p className="muted" data-testid="ledger-findings-none">
          {isEmpty ? t('directory.findings.empty') : t('directory.findings.none')}
        </p>
      ) : (
        <ul className="ledger-findings__list">
          {findings.map((f) => {
            const def = indicatorDef(f.indicator);
            return (
              <li key={`${f.source}:${f.year}:${f.indicator}`} className="note note--verify" data-testid={`ledger-finding-${f.indicator}`}>
                <strong>
                  {t(`directory.findings.sources.${f.source}`)} · {language === 'en' ? def.en : def.zh}
                </strong>{' '}
                {language === 'en' ? f.messageEn : f.messageZh}
                <span className="ledger-findings__figures">
                  {t('directory.findings.figures', {
                    ledger: formatFigure(def, f.ledgerValue, language),
                    reported: formatFigure(def, f.reportedValue, language),
                    difference: formatPercent(f.difference, language),
                  })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
