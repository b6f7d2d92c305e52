import { createContext, useContext, type ReactNode } from 'react';

// What a page may show beside each form item without the form knowing about it: the review
// screen puts the supervisor's comment box there, the enumerator's screen the comments on a
// returned unit with their answer boxes. No provider: the form draws items alone.

export interface ItemAside {
  /** Drawn under the item's findings; null for nothing. */
  render(formId: string, path: string): ReactNode;
  /** The user clicked the item (the review screen opens its comment box). */
  onActivate?(formId: string, path: string): void;
  /** Extra class names for the item's row ('' for none). */
  classFor?(formId: string, path: string): string;
}

export const ItemAsideContext = createContext<ItemAside | null>(null);

export const useItemAside = (): ItemAside | null => useContext(ItemAsideContext);
