import { create } from 'zustand';
import type { RuleContext } from '@shared/rules';
import type { AppErrorShape } from '@shared/result';
import { call } from '../../../lib/api';

// What the live rule engine needs besides the form: today's date and the deployment region's
// division codes, from rules:context, so the renderer's findings match what main reports on
// save. Read once per session; the region does not change while a form is open.

interface RegionContext {
  today: string;
  deploymentCounty: string | null;
  codes: ReadonlySet<string>;
}

interface RuleContextState {
  region: RegionContext | null;
  error: AppErrorShape | null;
  load(): Promise<void>;
}

export const useRuleContextStore = create<RuleContextState>()((set, get) => ({
  region: null,
  error: null,
  async load() {
    if (get().region) return;
    const result = await call('rules:context', undefined);
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    const { today, deploymentCounty, regionDivisionCodes } = result.value;
    set({ region: { today, deploymentCounty, codes: new Set(regionDivisionCodes) }, error: null });
  },
}));

/**
 * The engine's context for one unit. A division code inside the deployment county is known
 * to exist or not from the region list; outside it the renderer cannot tell, and says nothing
 * (main, with the whole store at hand, has the last word on save).
 */
export function buildRuleContext(
  region: RegionContext,
  unit: { lastYear: RuleContext['lastYear'] | null },
): Omit<RuleContext, 'forms'> {
  const county = region.deploymentCounty?.slice(0, 6);
  return {
    today: region.today,
    ...(county ? { deploymentCounty: county } : {}),
    divisionExists: (code12) => {
      if (!county || region.codes.size === 0 || !code12.startsWith(county)) return undefined;
      return region.codes.has(code12);
    },
    ...(unit.lastYear ? { lastYear: unit.lastYear } : {}),
  };
}
