import { format } from 'date-fns';

/**
 * 'YYYY-MM-DD' in local time: the enumerator's calendar day, not UTC's. The `today` of a rule
 * context (shared/rules/types.ts) on the laptop (electron/main/registration/rules.ts) and in
 * `census check` (server/cli/check.ts), so a date rule decides alike in both.
 */
export const localDay = (now: Date): string => format(now, 'yyyy-MM-dd');
