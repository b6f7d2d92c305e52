export type { Condition, FormSpec, FormValues, Item, ItemType, Option, Repeat, Scalar, Section, Value } from './types';
export { itemTypes } from './types';
export { evaluateCondition, conditionItems, type Lookup } from './conditions';
export { isBlank, itemPath, numberOf, parsePath, rowsOf, textOf } from './values';
export { itemState } from './state';
export { refsOf, type ItemRef } from './refs';
