import type { AppDatabase } from '@db/open';
import { countDivisions, divisionCodesWithin, divisionExists } from '../divisions/queries';
import { getSettings } from '../session/settings-queries';
import type { Output } from '@shared/ipc/contract';
import { localDay } from '@shared/rules/local-day';
import type { RuleContext } from '@shared/rules/types';

// The rule context main evaluates with: the same facts the renderer gets from
// rules:context, so a form that is clean on screen is clean on save.

export type UnitRuleContext = Omit<RuleContext, 'forms'>;

/** The deployment's county (first 6 digits of settings.regionCode), or undefined when unset. */
export function deploymentCounty(db: AppDatabase): string | undefined {
  const region = getSettings(db).regionCode;
  return region === '' ? undefined : region.slice(0, 6);
}

/**
 * divisionExists for the engine: whether a 12-digit code is in the divisions table, or
 * undefined (no finding) when no division of that code's county is loaded, because absence
 * from data that was never loaded proves nothing.
 */
export function divisionLookup(db: AppDatabase): (code12: string) => boolean | undefined {
  const loadedCounties = new Map<string, boolean>();
  return (code12) => {
    const county = code12.slice(0, 6);
    let isLoaded = loadedCounties.get(county);
    if (isLoaded === undefined) {
      isLoaded = /^\d{6}$/.test(county) && countDivisions(db, county) > 0;
      loadedCounties.set(county, isLoaded);
    }
    return isLoaded ? divisionExists(db, code12) : undefined;
  };
}

export function unitRuleContext(
  db: AppDatabase,
  now: Date,
  lastYear: RuleContext['lastYear'] | null,
): UnitRuleContext {
  const county = deploymentCounty(db);
  return {
    today: localDay(now),
    ...(county ? { deploymentCounty: county } : {}),
    divisionExists: divisionLookup(db),
    ...(lastYear ? { lastYear } : {}),
  };
}

/** Division codes at their natural length padded to the 12-digit form the forms use. */
const padded = (code: string): string => code.padEnd(12, '0');

/**
 * What the renderer needs to run the rules as main does. regionDivisionCodes are 12-digit
 * codes (padded, as forms carry them) of every loaded division within the deployment county,
 * the county itself included; an empty list means "not loaded": the renderer then treats
 * existence as unknown, as main does.
 */
export function ruleContextWire(db: AppDatabase, now: Date): Output<'rules:context'> {
  const county = deploymentCounty(db);
  const codes = county ? divisionCodesWithin(db, county).map(padded) : [];
  return { today: localDay(now), deploymentCounty: county ?? null, regionDivisionCodes: codes };
}
