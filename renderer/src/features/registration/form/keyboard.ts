import type { KeyboardEvent } from 'react';

// Keyboard-first entry. Items that are not relevant are not rendered at all, so
// "the next relevant item" is simply the next item input in document order. The move waits
// one task: the Enter that committed a code may have made new items relevant (industry 52 →
// the trade items), and they must exist before we look for the next one.

const ITEM_INPUT = '[data-item-input]:not([disabled])';

function itemInputs(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(ITEM_INPUT)).filter((el) => el.getClientRects().length > 0);
}

/** Focuses the item input after (or before) `from` inside `root`; false when there is none. */
export function focusNextItem(root: HTMLElement, from: Element, direction: 1 | -1 = 1): boolean {
  const inputs = itemInputs(root);
  const following = (el: HTMLElement) =>
    // compareDocumentPosition returns a bit mask.
    (from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const next = direction === 1 ? inputs.find(following) : inputs.filter((el) => el !== from && !following(el)).at(-1);
  if (!next) return false;
  next.focus();
  if (next instanceof HTMLInputElement) next.select();
  return true;
}

/** Enter on an item (or on an explanation box) moves to the next item; Shift+Enter goes back. */
export function onFormKeyDown(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = e.target;
  if (!(target instanceof HTMLElement)) return;
  if (!target.matches('[data-item-input], [data-explain-input]')) return;
  e.preventDefault();
  const root = e.currentTarget;
  const direction = e.shiftKey ? -1 : 1;
  window.setTimeout(() => {
    if (target.isConnected) focusNextItem(root, target, direction);
  }, 0);
}
