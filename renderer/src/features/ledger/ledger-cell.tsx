import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDef } from '@shared/ledger/indicators';
import { readLedgerFigure, type LedgerFigureProblem } from '@shared/ledger/indicator-values';
import { normaliseInput } from '@shared/text/normalise';
import { useLanguage } from '../../app/store';
import { isComposing } from '../../lib/composition';
import { figureText, formatFigure, problemText } from './figure-format';
import { moveForKey, type GridMove } from './grid-keyboard';
import type { CellState } from './ledger-store';

interface Props {
  row: number;
  col: number;
  month: number;
  def: IndicatorDef;
  stored: number | null;
  state: CellState | undefined;
  evidenceCount: number;
  isCurrentMonth: boolean;
  /** Inside the range selected for copying or pasting (ledger-selection.ts). */
  isSelected?: boolean;
  onFocusCell(row: number, col: number): void;
  onMove(row: number, col: number, move: GridMove): void;
  onCommit(month: number, def: IndicatorDef, value: number | null, text: string): void;
  onInvalid(month: number, def: IndicatorDef, text: string, reason: LedgerFigureProblem): void;
  /** A column of an indicator the enterprise's set does not keep (figures entered earlier). */
  isLegacy?: boolean;
  isLegacyFirst?: boolean;
  /** A "其中" of this month above its whole (shared/ledger/part-of.ts): the finding's text. */
  partFinding?: string | undefined;
  onRevert(month: number, def: IndicatorDef): void;
}


/**
 * One ledger figure. Unfocused it shows the stored value grouped (12,345); focused it shows the
 * bare digits all selected, so typing replaces the figure. Leaving the cell (Enter, Tab, an
 * arrow, a click elsewhere) commits it: a changed figure is saved at once.
 */
export function LedgerCell(p: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const ref = useRef<HTMLInputElement>(null);
  /** The text being edited; null while the cell does not have focus. */
  const [text, setText] = useState<string | null>(null);
  const [isEditMode, setIsEditMode] = useState(false);
  /** The click that focused the cell must not collapse the selection made on focus. */
  const isJustFocused = useRef(false);
  // What the user typed and main has not (yet) stored: shown instead of the stored figure.
  const pending = p.state && p.state.status !== 'saved' ? p.state.text : null;
  const isFocused = text !== null;

  useLayoutEffect(() => {
    if (isFocused) ref.current?.select();
  }, [isFocused]);

  // What the focused cell showed before the user typed anything. When the figure under it
  // changes meanwhile (a paste landed on it, a refused paste's mark went), an untouched cell
  // shows the new figure: leaving it must not save the old one back over it.
  const shownAtFocus = useRef<string | null>(null);
  const basis = pending ?? figureText(p.def, p.stored);
  useLayoutEffect(() => {
    if (text === null || shownAtFocus.current === null || shownAtFocus.current === basis) return;
    if (text === shownAtFocus.current) {
      setText(basis);
      window.requestAnimationFrame(() => ref.current?.select());
    }
    shownAtFocus.current = basis;
  }, [basis, text]);

  const commit = (value: string) => {
    const parsed = readLedgerFigure(p.def, value);
    if (!parsed.ok) {
      p.onInvalid(p.month, p.def, value, parsed.reason);
      return;
    }
    // Unchanged and nothing pending: nothing to save (a conflict or error still re-saves).
    if (parsed.value === p.stored && pending === null) return;
    p.onCommit(p.month, p.def, parsed.value, value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    isJustFocused.current = false;
    if (e.key === 'Escape') {
      e.preventDefault();
      setText(figureText(p.def, p.stored));
      p.onRevert(p.month, p.def);
      window.requestAnimationFrame(() => el.select());
      return;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      setIsEditMode(true);
      el.setSelectionRange(el.value.length, el.value.length);
      return;
    }
    // Tab keeps the browser's own order (row by row, the same as 'next'), so it can also
    // leave the grid at either end.
    if (e.key === 'Tab') return;
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? 0;
    const move = moveForKey(e, {
      isEditMode,
      isAtStart: start === 0 && end === 0,
      isAtEnd: start === el.value.length && end === el.value.length,
    });
    if (!move) return;
    e.preventDefault();
    p.onMove(p.row, p.col, move);
  };

  const backing = p.stored === null ? 'empty' : p.evidenceCount > 0 ? 'backed' : 'unbacked';
  const status = p.state?.status ?? 'idle';
  const shown = text ?? pending ?? formatFigure(p.def, p.stored, language);
  const label = t('directory.ledger.cellLabel', { month: p.month, indicator: language === 'en' ? p.def.en : p.def.zh });
  const problem =
    p.state?.status === 'invalid'
      ? problemText(t, p.def, p.state.reason)
      : p.state?.status === 'error'
        ? (p.state.error.reason?.[language === 'en' ? 'en' : 'zh'] ?? t(`errors.${p.state.error.code}`))
        : null;
  return (
    <td
      className={`ledger-cell ledger-cell--${backing} ledger-cell--${status}${p.isCurrentMonth ? ' ledger-cell--current' : ''}${p.isSelected ? ' ledger-cell--selected' : ''}${p.partFinding ? ' ledger-cell--part-above' : ''}${p.isLegacy ? ' ledger-cell--legacy' : ''}${p.isLegacyFirst ? ' ledger-cell--legacy-first' : ''}`}
      data-part-above={p.partFinding ? '' : undefined}
      data-backed={backing}
      data-status={status}
      data-selected={p.isSelected ? '' : undefined}
    >
      <input
        ref={ref}
        className="ledger-cell__input"
        inputMode={p.def.scale > 0 ? 'decimal' : 'numeric'}
        autoComplete="off"
        spellCheck={false}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        title={problem ?? p.partFinding ?? (backing === 'backed' ? t('directory.ledger.backedCount', { n: p.evidenceCount }) : undefined)}
        data-row={p.row}
        data-col={p.col}
        data-testid={`ledger-cell-${p.month}-${p.def.key}`}
        value={shown}
        onFocus={() => {
          isJustFocused.current = true;
          setIsEditMode(false);
          shownAtFocus.current = pending ?? figureText(p.def, p.stored);
          setText(pending ?? figureText(p.def, p.stored));
          p.onFocusCell(p.row, p.col);
        }}
        onMouseUp={(e) => {
          if (isJustFocused.current) e.preventDefault();
          isJustFocused.current = false;
        }}
        onDoubleClick={() => setIsEditMode(true)}
        onChange={(e) => setText(isComposing(e) ? e.target.value : normaliseInput(e.target.value, 'number'))}
        onCompositionEnd={(e) => setText(normaliseInput(e.currentTarget.value, 'number'))}
        onBlur={() => {
          isJustFocused.current = false;
          if (text !== null) commit(text);
          setText(null);
          shownAtFocus.current = null;
        }}
        onKeyDown={onKeyDown}
      />
    </td>
  );
}
