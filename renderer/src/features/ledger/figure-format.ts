import type { IndicatorDef } from '@shared/ledger/indicators';
import { formatIndicatorValue, type LedgerFigureProblem } from '@shared/ledger/indicator-values';
import type { Language } from '@shared/session/settings';
import type { TFunction } from 'i18next';
import { formatInteger } from '../directory/format';

// A stored ledger figure as the grid shows it: in the form's unit with its decimals
// (formatIndicatorValue, exact), the whole part grouped for reading (12,345.6789 万千瓦时).

export function formatFigure(def: Pick<IndicatorDef, 'scale'>, stored: number | null, language: Language): string {
  if (stored === null) return '';
  const text = formatIndicatorValue(def, stored);
  const [whole = '0', frac] = text.split('.');
  const isNegative = whole.startsWith('-');
  const grouped = formatInteger(Number(whole.replace('-', '')), language);
  return `${isNegative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** The stored figure as editable text: plain digits in the form's unit, no grouping. */
export const figureText = (def: Pick<IndicatorDef, 'scale'>, stored: number | null): string =>
  stored === null ? '' : formatIndicatorValue(def, stored);

/** Why typed text is not a figure of `def`, in the user's language. */
export function problemText(t: TFunction, def: Pick<IndicatorDef, 'scale' | 'mayBeNegative' | 'unit'>, reason: LedgerFigureProblem): string {
  const unit = t(`directory.units.${def.unit}`);
  if (reason === 'tooManyDecimals') {
    return def.scale === 0 ? t('directory.ledger.problems.noDecimals', { unit }) : t('directory.ledger.problems.tooManyDecimals', { n: def.scale, unit });
  }
  if (reason === 'notANumber') return def.mayBeNegative ? t('directory.ledger.problems.notANumberSigned') : t('directory.ledger.problems.notANumber');
  return t(`directory.ledger.problems.${reason}`);
}
