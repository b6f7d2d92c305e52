// The ledger grid's keyboard model, kept free of React and the DOM so its rules read in one
// place. It follows a spreadsheet: each cell is an <input> whose text is selected when it gets
// focus, so typing replaces the figure and the arrows still move between cells ("enter mode");
// F2 or a double click switches to amending the text, where ← → move the caret ("edit mode").
//
//   Enter / Tab            next cell in reading order: along the month, then the next month
//   Shift+Enter / Shift+Tab previous cell
//   ↑ ↓                    same indicator, previous / next month
//   ← →                    neighbouring indicator (in edit mode only from the text's edge)
//   Home / End             first / last indicator of the month (edit mode: start / end of text)
//   Ctrl+Home / Ctrl+End   first / last cell of the year
//   Esc                    back to the saved figure

export interface GridPos {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
}

export type GridMove = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev' | 'rowStart' | 'rowEnd' | 'first' | 'last';

export interface KeyInfo {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export interface CaretInfo {
  /** F2 or a double click: the caret is being placed inside the text. */
  isEditMode: boolean;
  isAtStart: boolean;
  isAtEnd: boolean;
}

/** Which move a key asks for in a cell, or null when the key belongs to the text. */
export function moveForKey(k: KeyInfo, caret: CaretInfo): GridMove | null {
  if (k.altKey || k.metaKey) return null;
  switch (k.key) {
    case 'Enter':
    case 'Tab':
      return k.shiftKey ? 'prev' : 'next';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'ArrowLeft':
      return !caret.isEditMode || caret.isAtStart ? 'left' : null;
    case 'ArrowRight':
      return !caret.isEditMode || caret.isAtEnd ? 'right' : null;
    case 'Home':
      return k.ctrlKey ? 'first' : caret.isEditMode ? null : 'rowStart';
    case 'End':
      return k.ctrlKey ? 'last' : caret.isEditMode ? null : 'rowEnd';
    default:
      return null;
  }
}

const clamp = (value: number, max: number): number => Math.min(Math.max(value, 0), max);

/** Where a move lands; moves past the grid's edge stay put (no wrap from December to January). */
export function applyMove(pos: GridPos, move: GridMove, size: GridSize): GridPos {
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  switch (move) {
    case 'up':
      return { row: clamp(pos.row - 1, lastRow), col: pos.col };
    case 'down':
      return { row: clamp(pos.row + 1, lastRow), col: pos.col };
    case 'left':
      return { row: pos.row, col: clamp(pos.col - 1, lastCol) };
    case 'right':
      return { row: pos.row, col: clamp(pos.col + 1, lastCol) };
    case 'next':
      if (pos.col < lastCol) return { row: pos.row, col: pos.col + 1 };
      return pos.row < lastRow ? { row: pos.row + 1, col: 0 } : pos;
    case 'prev':
      if (pos.col > 0) return { row: pos.row, col: pos.col - 1 };
      return pos.row > 0 ? { row: pos.row - 1, col: lastCol } : pos;
    case 'rowStart':
      return { row: pos.row, col: 0 };
    case 'rowEnd':
      return { row: pos.row, col: lastCol };
    case 'first':
      return { row: 0, col: 0 };
    case 'last':
      return { row: lastRow, col: lastCol };
  }
}
