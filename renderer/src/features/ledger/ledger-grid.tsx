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
import { SignedReasonDialog } from './signed-reason-dialog';
import { formatFigure } from './figure-format';
import { colon, joinList } from '../../lib/format';
import type { IndicatorKey } from '@shared/ledger/indicators';

// The year's ledger as a grid: twelve months down, the enterprise's indicators across (its 专业
// set, then under their own heading any earlier indicator still holding figures), each cell
// this month's figure in the form's unit. A corner mark says whether a figure is backed by
// evidence (数出有据); a "其中" above its whole is marked; the last columns count the month's
// entered figures and say whether it is signed. A figure of a signed month asks for a reason
// before it is saved.

interface Props {
  view: LedgerYearView;
  active: { row: number; col: number };
  onActivate(pos: { row: number; col: number }): void;
}

const months = Array.from({ length: 12 }, (_, i) => i + 1);

/** Pixels: the narrowest an indicator column gets (9,999,999,999 at 13px), and the month, 已填 and 签字 columns. */
const LEDGER_MIN_COLUMN = 78;
const LEDGER_FIXED_COLUMNS = 56 + 52 + 84;

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
  const legacyCount = defs.length - view.setSize;
  const name = (key: IndicatorKey) => (language === 'en' ? indicatorDef(key).en : indicatorDef(key).zh);
  /** "其中" findings by `${month}.${part}`: the text a part's cell shows. */
  const partFindings = new Map<string, string>();
  for (const f of view.partsAboveWhole) for (const p of f.parts) partFindings.set(`${f.month}.${p}`, t('directory.ledger.parts.cell', { whole: name(f.whole) }));
  const askReason = useLedger((s) => s.askReason);
  const reasonRequest = useLedger((s) => s.reasonRequest);
  // A figure of a signed month is saved only once the user has said why (or left as it was).
  const commit = async (m: number, def: IndicatorDef, value: number | null, text: string) => {
    const stored = storedValue(view, m, def.key);
    const change = `${t('directory.ledger.cellLabel', { month: m, indicator: name(def.key) })}${colon(language)}${stored === null ? '—' : formatFigure(def, stored, language)} → ${value === null ? '—' : formatFigure(def, value, language)}`;
    const reason = await askReason([m], change);
    if (reason === null) clearCellState(m, def.key);
    else void saveCell(m, def.key, value, text, reason || undefined);
  };

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
        {/* Widths by column (table-layout: fixed reads them from the first row, here the groups'). */}
        <colgroup>
          <col style={{ width: 56 }} />
          {defs.map((d) => (
            <col key={d.key} />
          ))}
          <col style={{ width: 52 }} />
          <col style={{ width: 84 }} />
        </colgroup>
        <thead>
          <tr className="ledger-grid__groups">
            <th scope="colgroup" />
            <th scope="colgroup" colSpan={view.setSize} className="ledger-grid__group" data-testid="ledger-group-set">
              {language === 'en' ? view.set.en : view.set.zh}
            </th>
            {legacyCount > 0 ? (
              <th scope="colgroup" colSpan={legacyCount} className="ledger-grid__group ledger-grid__group--legacy" data-testid="ledger-group-legacy" title={t('directory.ledger.legacyHint')}>
                {t('directory.ledger.legacy')}
              </th>
            ) : null}
            <th scope="colgroup" colSpan={2} />
          </tr>
          <tr>
            <th scope="col" className="ledger-grid__corner">
              {t('directory.ledger.month')}
            </th>
            {defs.map((d, col) => (
              <th
                key={d.key}
                scope="col"
                className={`${col === active.col ? 'ledger-grid__col--active' : ''}${col >= view.setSize ? ' ledger-grid__col--legacy' : ''}${col === view.setSize ? ' ledger-grid__col--legacy-first' : ''}`}
                data-testid={`ledger-head-${d.key}`}
              >
                <span className="ledger-grid__name">{language === 'en' ? d.en : d.zh}</span>
                <span className="ledger-grid__unit">{t(`directory.units.${d.unit}`)}</span>
              </th>
            ))}
            <th scope="col" className="ledger-grid__filled">
              {t('directory.ledger.filled')}
            </th>
            <th scope="col" className="ledger-grid__signoff">
              {t('directory.ledger.signoff.column')}
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
                    isLegacy={col >= view.setSize}
                    isLegacyFirst={col === view.setSize}
                    partFinding={partFindings.get(`${month}.${d.key}`)}
                    onCommit={(m, def, value, text) => void commit(m, def, value, text)}
                    onInvalid={(m, def, text, reason) => markInvalid(m, def.key, text, reason)}
                    onRevert={(m, def) => clearCellState(m, def.key)}
                  />
                ))}
                <td className="ledger-grid__filled num" data-testid={`ledger-filled-${month}`}>
                  {filled > 0 ? `${filled}/${defs.length}` : ''}
                </td>
                <SignoffCell view={view} month={month} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
    {view.partsAboveWhole.length > 0 ? (
      <div className="notice notice--warn ledger-parts" data-testid="ledger-parts">
        <p className="notice__text">
          <strong>{t('directory.ledger.parts.title')}</strong> {t('directory.ledger.parts.hint')}
        </p>
        <ul>
          {view.partsAboveWhole.map((f) => (
            <li key={`${f.month}.${f.whole}`} data-testid={`ledger-part-${f.month}-${f.whole}`}>
              {t('directory.ledger.parts.item', {
                month: f.month,
                parts: joinList(f.parts.map(name), language),
                partsValue: formatFigure(indicatorDef(f.whole), f.partsValue, language),
                whole: name(f.whole),
                wholeValue: formatFigure(indicatorDef(f.whole), f.wholeValue, language),
              })}
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    {reasonRequest ? (
      <SignedReasonDialog
        view={view}
        months={reasonRequest.months}
        change={reasonRequest.change}
        onCancel={() => reasonRequest.resolve(null)}
        onConfirm={(reason) => reasonRequest.resolve(reason)}
      />
    ) : null}
    </>
  );
}

/** Whether the month is signed, by whom, and whether a figure changed after it was. */
function SignoffCell({ view, month }: { view: LedgerYearView; month: number }) {
  const { t } = useTranslation();
  const s = view.signoffs[month - 1];
  const state = s?.state ?? 'unsigned';
  const who = [s?.statisticsHead ? `${t('directory.ledger.signoff.roles.statisticsHead')} ${s.statisticsHead.name} ${s.statisticsHead.date}` : null, s?.unitHead ? `${t('directory.ledger.signoff.roles.unitHead')} ${s.unitHead.name} ${s.unitHead.date}` : null]
    .filter((x) => x !== null)
    .join('\n');
  const label = state === 'unsigned' ? '' : state === 'signed' ? t('directory.ledger.signoff.signed') : t('directory.ledger.signoff.changed');
  const count = (s?.statisticsHead ? 1 : 0) + (s?.unitHead ? 1 : 0);
  return (
    <td className={`ledger-grid__signoff ledger-signoff--${state}`} data-testid={`ledger-signoff-${month}`} data-state={state} data-signers={count} title={who || undefined}>
      {label ? `${label} ${count}/2` : ''}
    </td>
  );
}
