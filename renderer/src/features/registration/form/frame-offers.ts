import type { FormPreload } from '@shared/forms/preload';
import type { Draft } from './draft';

// The editor's side of the listing frame's offers (shared/forms/preload-offers.ts): the inputs
// of pending offers start with the frame's value.

/** The draft with each pending offer's value in its input. */
export function draftWithOffers(draft: Draft, preload: FormPreload | undefined, pending: ReadonlySet<string>): Draft {
  const out: Draft = { ...draft };
  for (const code of pending) {
    const offer = preload?.[code];
    if (offer) out[code] = offer.value;
  }
  return out;
}
