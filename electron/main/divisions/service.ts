import type { AppDatabase } from '@db/open';
import {
  childDivisions,
  countDivisions,
  getDivision,
  loadDivisions,
  loadRegionFromData,
  rootDivisions,
  searchDivisions,
} from './queries';
import { getSettings, getStateValue, setStateValue } from '../session/settings-queries';
import type { Output, ParsedInput } from '@shared/ipc/contract';
import { AppError } from '@shared/result';
import { readCountryDivisions } from './data';
import { deploymentCounty } from '../registration/rules';
import { silentReporter, yieldToLoop, type TaskBoard } from '../tasks/progress';

/** Rows per transaction of the national load: about a tenth of a second each on a laptop. */
const COUNTRY_CHUNK = 20_000;

// Statistical division codes (统计用区划代码) in the store. The deployment region is loaded
// from the shipped data when it is set (a few hundred rows, instant); the whole country
// (about 665,000 rows, seconds) only when someone asks for it. The picker behind
// divisions:search: with a query, a ranked search under `parent` (or everything loaded);
// without one, the children of `parent` — or, when no parent is given, of the deployment
// county, since that is where an enumerator works.

const COUNTRY_LOADED_KEY = 'divisions.countryLoadedAt';

export interface DivisionsOptions {
  /** data/divisions: the repo's in development, the resources folder's when packaged. */
  dataDir: string;
  now?: () => Date;
  /** Where the national load reports how far it is; none in tests. */
  tasks?: TaskBoard;
}

export function createDivisionsService(db: AppDatabase, opts: DivisionsOptions) {
  const now = opts.now ?? (() => new Date());

  function topLevel() {
    const county = deploymentCounty(db);
    if (county) return childDivisions(db, county);
    return rootDivisions(db);
  }

  function status(): Output<'divisions:status'> {
    const regionCode = getSettings(db).regionCode;
    const loadedAt = getStateValue(db, COUNTRY_LOADED_KEY);
    return {
      regionCode,
      regionName: regionCode === '' ? null : (getDivision(db, regionCode)?.name ?? null),
      regionLoaded: regionCode === '' ? 0 : countDivisions(db, regionCode),
      totalLoaded: countDivisions(db),
      countryLoadedAt: typeof loadedAt === 'string' ? loadedAt : null,
    };
  }

  return {
    search(input: ParsedInput<'divisions:search'>): Output<'divisions:search'> {
      const parent = input.parent ?? '';
      const query = input.query ?? '';
      const rows =
        query !== '' ? searchDivisions(db, parent, query, input.limit) : parent !== '' ? childDivisions(db, parent) : topLevel();
      return rows.slice(0, input.limit).map((r) => ({ code: r.code, name: r.name, level: r.level }));
    },

    status,

    /**
     * Makes sure the region's divisions are in the store (idempotent upsert). A code the shipped
     * data does not know is refused as INVALID_INPUT on `regionCode`, so a typo never becomes the
     * deployment region.
     */
    ensureRegion(regionCode: string): void {
      if (regionCode === '' || countDivisions(db, regionCode) > 0) return;
      try {
        loadRegionFromData(db, opts.dataDir, regionCode);
      } catch (e) {
        if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'INVALID_INPUT')) {
          throw new AppError('INVALID_INPUT', e.message, [{ path: 'regionCode', message: 'REGION_UNKNOWN' }]);
        }
        throw e;
      }
    },

    /**
     * The whole country, in transactions of 20,000 rows with the event loop turning between
     * them, so the settings page can show how many are in and the window stays responsive.
     * Reference data, upserted by code: a load cut short leaves correct rows behind and the
     * next load completes it; only a complete load is recorded as done.
     */
    async loadCountry(): Promise<Output<'divisions:loadCountry'>> {
      const task = opts.tasks?.begin('divisions') ?? { ...silentReporter, end: () => undefined };
      try {
        task.step('read', 0, null);
        const rows = readCountryDivisions(opts.dataDir);
        for (let i = 0; i < rows.length; i += COUNTRY_CHUNK) {
          task.step('write', i, rows.length);
          await yieldToLoop();
          loadDivisions(db, rows.slice(i, i + COUNTRY_CHUNK));
        }
        task.step('write', rows.length, rows.length);
        setStateValue(db, COUNTRY_LOADED_KEY, now().toISOString(), now());
        return status();
      } finally {
        task.end();
      }
    },
  };
}

export type DivisionsService = ReturnType<typeof createDivisionsService>;
