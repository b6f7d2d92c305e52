import type { FormSpec } from '../types';
import { form611 } from './f611';
import { form611_1 } from './f611-1';
import { form611_2 } from './f611-2';
import { form611_3 } from './f611-3';
import { form611_4 } from './f611-4';
import { form611_8 } from './f611-8';
import { formIndividual } from './individual';

export { form611, form611_1, form611_2, form611_3, form611_4, form611_8, formIndividual };

/** Every form spec, by id. */
export const formSpecs: Readonly<Record<string, FormSpec>> = Object.fromEntries(
  [form611, form611_1, form611_2, form611_3, form611_4, form611_8, formIndividual].map((f) => [f.id, f]),
);

export function getFormSpec(id: string): FormSpec | undefined {
  return formSpecs[id];
}
