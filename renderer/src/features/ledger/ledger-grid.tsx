import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorDef, type IndicatorDef } from '@shared/ledger/indicators';
import type { LedgerYearView } from '@shared/ledger/wire';
import { useLanguage } from '../../app/store';
import { applyMove, type GridMove } from './grid-keyboard';
import { LedgerCell } from './ledger-cell';
import { PasteNotice } from './ledger-paste-notice';
import { isInSelection, useLedgerClipboard, useLedgerSelection } from './ledger-selection';
import { cellKey, storedValue, useLedger } from './ledger-store';

// The year's ledger as a grid: twelve months down, the enterprise's indicators across, each
// cell this month's figure. A corner mark says whether a figure is backed by evidence
// (数出有据); the last column counts the month's entered figures.

interface Props {
  view: LedgerYearView;
  active: { row: number; col: number };
  onActivate(pos: { row: number; col: number }): void;
}

const months = Array.from({ length: 12 }, (_, i) => i + 1);

/** Pixels: the narrowest an indicator column gets (9,999,999,999 at 13px), and the month and 已填 columns. */
const LEDGER_MIN_COLUMN = 78;
const LEDGER_FIXED_COLUMNS = 56 + 52;

export function LedgerGrid({ view, active, onActivate }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rootRef = useRef<HTMLTableElement>(null);
  const cells = useLedger((s) => s.cells);
  const saveCell = useLedger((s) => s.saveCell);
  const markInvalid = useLedger((s) => s.markInvalid);
  const clearCellState = useLedger((s) => s.clearCellState);
  const defs: IndicatorDef[] = view.indicators.map(indicatorDef);
  const now = new Date();
  const currentMonth = now.getFullYear() === view.year ? now.getMonth() + 1 : null;
  // Range selection, copy and paste (ledger-selection.ts).
  const anchor = useLedgerSelection((s) => s.anchor);
  const end = useLedgerSelection((s) => s.end);
  const clipboard = useLedgerClipboard({ view, defs });

  const focusCell = (row: number, col: number) => {
    const el = rootRef.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`);
    el?.focus();
  };

  const onMove = (row: number, col: number, move: GridMove) => {
    const next = applyMove({ row, col }, move, { rows: 12, cols: defs.length });
    focusCell(next.row, next.col);
  };

  return (
    <>
    <PasteNotice defs={defs} onUndo={clipboard.undo} />
    <div className="ledger-grid__scroll">
      <table
        className="ledger-grid"
        ref={rootRef}
        data-testid="ledger-grid"
        aria-label={t('directory.ledger.gridLabel', { year: view.year })}
        aria-multiselectable="true"
        {...clipboard.tableProps}
        // Columns share the width (table-layout: fixed); below this each would be too narrow for
        // a figure of nine digits, and the grid scrolls sideways instead.
        style={{ minWidth: LEDGER_FIXED_COLUMNS + defs.length * LEDGER_MIN_COLUMN }}
      >
        <thead>
          <tr>
            <th scope="col" className="ledger-grid__corner">
              {t('directory.ledger.month')}
            </th>
            {defs.map((d, col) => (
              <th key={d.key} scope="col" className={col === active.col ? 'ledger-grid__col--active' : undefined}>
                <span className="ledger-grid__name">{language === 'en' ? d.en : d.zh}</span>
                <span className="ledger-grid__unit">{t(`directory.units.${d.unit}`)}</span>
              </th>
            ))}
            <th scope="col" className="ledger-grid__filled">
              {t('directory.ledger.filled')}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((month, row) => {
            const filled = defs.filter((d) => storedValue(view, month, d.key) !== null).length;
            return (
              <tr key={month} className={row === active.row ? 'ledger-grid__row--active' : undefined} data-testid={`ledger-row-${month}`}>
                <th scope="row" className={month === currentMonth ? 'ledger-grid__month--current' : undefined}>
                  {t('directory.ledger.monthName', { month })}
                </th>
                {defs.map((d, col) => (
                  <LedgerCell
                    key={d.key}
                    row={row}
                    col={col}
                    month={month}
                    def={d}
                    stored={storedValue(view, month, d.key)}
                    state={cells[cellKey(month, d.key)]}
                    evidenceCount={view.evidenceCounts[`${month}.${d.key}`] ?? 0}
                    isCurrentMonth={month === currentMonth}
                    isSelected={isInSelection(anchor, end, row, col)}
                    onFocusCell={(r, c) => onActivate({ row: r, col: c })}
                    onMove={onMove}
                    onCommit={(m, def, value, text) => void saveCell(m, def.key, value, text)}
                    onInvalid={(m, def, text) => markInvalid(m, def.key, text)}
                    onRevert={(m, def) => clearCellState(m, def.key)}
                  />
                ))}
                <td className="ledger-grid__filled num" data-testid={`ledger-filled-${month}`}>
                  {filled > 0 ? `${filled}/${defs.length}` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
    </>
  );
}
