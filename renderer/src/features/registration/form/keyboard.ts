import type { KeyboardEvent } from 'react';

// Keyboard-first entry. Items that are not relevant are not rendered at all, so
// "the next relevant item" is simply the next item input in document order. The move waits
// one task: the Enter that committed a code may have made new items relevant (industry 52 →
// the trade items), and they must exist before we look for the next one.

const ITEM_INPUT = '[data-item-input]:not([disabled])';

function itemInputs(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(ITEM_INPUT)).filter((el) => el.getClientRects().length > 0);
}

/** A multi-choice item's checkboxes are one item: Enter leaves the group (Space ticks, Tab walks it). */
const itemOf = (el: Element): Element => el.closest('.codes-field') ?? el;

/** Focuses the item input after (or before) `from` inside `root`; false when there is none. */
export function focusNextItem(root: HTMLElement, from: Element, direction: 1 | -1 = 1): boolean {
  const inputs = itemInputs(root);
  const anchor = itemOf(from);
  const following = (el: HTMLElement) =>
    // compareDocumentPosition returns a bit mask; an input inside the anchor item is neither side.
    !anchor.contains(el) && (anchor.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const previous = (el: HTMLElement) => !anchor.contains(el) && !following(el);
  const found = direction === 1 ? inputs.find(following) : inputs.filter(previous).at(-1);
  // Going back into a multi-choice item lands on its first checkbox.
  const next = found && direction === -1 && itemOf(found) !== found ? (itemOf(found).querySelector<HTMLElement>(ITEM_INPUT) ?? found) : found;
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
