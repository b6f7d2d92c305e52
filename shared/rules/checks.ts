import type { CheckRegistry } from './check-env';
import { basicChecks } from './checks-basic';
import { figureChecks } from './checks-figures';
import { idChecks } from './checks-ids';
import type { CheckFn } from './types';

// The fixed registry of named checks. Rules (data) refer to these by `fn`; adding a kind of
// check is a code change with tests, adding or correcting a rule is a data change.
export const checkRegistry: CheckRegistry<CheckFn> = { ...basicChecks, ...idChecks, ...figureChecks };
