import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDef } from '@shared/ledger/indicators';
import { normaliseInput } from '@shared/text/normalise';
import { useLanguage } from '../../app/store';
import { isComposing } from '../../lib/composition';
import { formatInteger } from '../directory/format';
import { moveForKey, parseFigure, type GridMove } from './grid-keyboard';
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
  onInvalid(month: number, def: IndicatorDef, text: string): void;
  onRevert(month: number, def: IndicatorDef): void;
}

const raw = (value: number | null): string => (value === null ? '' : String(value));

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
  const basis = pending ?? raw(p.stored);
  useLayoutEffect(() => {
    if (text === null || shownAtFocus.current === null || shownAtFocus.current === basis) return;
    if (text === shownAtFocus.current) {
      setText(basis);
      window.requestAnimationFrame(() => ref.current?.select());
    }
    shownAtFocus.current = basis;
  }, [basis, text]);

  const commit = (value: string) => {
    const parsed = parseFigure(value, p.def.mayBeNegative);
    if (!parsed.ok) {
      p.onInvalid(p.month, p.def, value);
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
      setText(raw(p.stored));
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
  const shown = text ?? pending ?? formatInteger(p.stored, language);
  const label = t('directory.ledger.cellLabel', { month: p.month, indicator: language === 'en' ? p.def.en : p.def.zh });
  const problem =
    p.state?.status === 'invalid'
      ? p.def.mayBeNegative
        ? t('directory.ledger.invalidSigned')
        : t('directory.ledger.invalid')
      : p.state?.status === 'error'
        ? t(`errors.${p.state.error.code}`)
        : null;
  return (
    <td
      className={`ledger-cell ledger-cell--${backing} ledger-cell--${status}${p.isCurrentMonth ? ' ledger-cell--current' : ''}${p.isSelected ? ' ledger-cell--selected' : ''}`}
      data-backed={backing}
      data-status={status}
      data-selected={p.isSelected ? '' : undefined}
    >
      <input
        ref={ref}
        className="ledger-cell__input"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        title={problem ?? (backing === 'backed' ? t('directory.ledger.backedCount', { n: p.evidenceCount }) : undefined)}
        data-row={p.row}
        data-col={p.col}
        data-testid={`ledger-cell-${p.month}-${p.def.key}`}
        value={shown}
        onFocus={() => {
          isJustFocused.current = true;
          setIsEditMode(false);
          shownAtFocus.current = pending ?? raw(p.stored);
          setText(pending ?? raw(p.stored));
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
