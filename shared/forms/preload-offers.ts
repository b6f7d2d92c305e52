import type { FormPreload } from './preload';
import type { FormSpec, FormValues } from './types';

// The listing frame's offers on a form as the editor holds them (electron/main/registration/
// preload.ts says why they are offers and not answers). An offer is "pending"
// while its item has no answer at all: the input shows the frame's value with the 来自底册
// mark, but the answers the rules check, autosave stores and the unit submits leave it out.
// Confirming or editing the item makes the typed text the answer; clearing it stores '' so the
// offer does not come back.

/** Items of the form whose frame offer is still open (no answer, not declined). */
export function pendingOffers(spec: FormSpec, values: FormValues | undefined, preload: FormPreload | undefined): Set<string> {
  const pending = new Set<string>();
  if (!preload) return pending;
  const codes = new Set(spec.sections.filter((s) => !s.repeat).flatMap((s) => s.items.map((i) => i.code)));
  for (const code of Object.keys(preload)) {
    const value = values?.[code];
    if (codes.has(code) && (value === undefined || value === null)) pending.add(code);
  }
  return pending;
}

/**
 * The answers from `values` (read from the draft): pending offers are not answers (their item
 * keeps what it had: nothing), and an offered item the user cleared becomes '' (declined).
 */
export function answersWithoutOffers(
  values: FormValues,
  original: FormValues | undefined,
  preload: FormPreload | undefined,
  pending: ReadonlySet<string>,
): FormValues {
  if (!preload) return values;
  const out: FormValues = { ...values };
  for (const code of Object.keys(preload)) {
    if (pending.has(code)) {
      if (original && code in original) out[code] = original[code];
      else delete out[code];
    } else if (out[code] === undefined) {
      out[code] = '';
    }
  }
  return out;
}

/** The values the form is drawn from: answers, and each pending offer where there is none. Skip
 * logic follows them, so the trade items show for a frame that says 52 零售业 before it is confirmed. */
export function valuesWithOffers(values: FormValues, preload: FormPreload | undefined, pending: ReadonlySet<string>): FormValues {
  if (!preload || pending.size === 0) return values;
  const out: FormValues = { ...values };
  for (const code of pending) {
    const offer = preload[code];
    if (offer) out[code] = offer.value;
  }
  return out;
}
