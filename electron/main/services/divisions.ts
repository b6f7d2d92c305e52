import { asc, isNull } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/open';
import { childDivisions, searchDivisions } from '../../../db/queries/divisions';
import { divisions } from '../../../db/schema';
import type { Output, ParsedInput } from '../../../shared/ipc/contract';
import { deploymentCounty } from './registration-rules';

// The division picker (统计用区划代码) behind divisions:search: with a query, a ranked search
// under `parent` (or everything loaded); without one, the children of `parent` — or, when no
// parent is given, of the deployment county, since that is where an enumerator works.

export function createDivisionsService(db: AppDatabase) {
  return {
    search(input: ParsedInput<'divisions:search'>): Output<'divisions:search'> {
      const parent = input.parent ?? '';
      const query = input.query ?? '';
      const rows =
        query !== ''
          ? searchDivisions(db, parent, query, input.limit)
          : parent !== ''
            ? childDivisions(db, parent)
            : topLevel(db);
      return rows.slice(0, input.limit).map((r) => ({ code: r.code, name: r.name, level: r.level }));
    },
  };

  function topLevel(db2: AppDatabase = db) {
    const county = deploymentCounty(db2);
    if (county) return childDivisions(db2, county);
    return db2.select().from(divisions).where(isNull(divisions.parentCode)).orderBy(asc(divisions.code)).all();
  }
}

export type DivisionsService = ReturnType<typeof createDivisionsService>;
