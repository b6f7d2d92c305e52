import type { ChangeEvent } from 'react';

// Whether a change event comes from an input method still composing (拼音 before the choice).
// Inputs that normalise what is typed leave such text alone and normalise on compositionend:
// rewriting the value mid-composition breaks the input method.
export const isComposing = (e: ChangeEvent<HTMLInputElement>): boolean =>
  'isComposing' in e.nativeEvent && (e.nativeEvent as InputEvent).isComposing;
