import type { SqliteDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { updateSettings } from '@main/session/settings-queries';
import type { IndicatorKey } from '@shared/ledger/indicators';
import { directoryStore } from '../directory/helpers';
import { signIn } from '../liaison/session';

// A district store for the analysis tests: 沙坡头区's divisions, the bureau signed in, and
// enterprises and ledger rows written raw (as sync or an import would: the triggers see every write).

export const T_BINHE = '640502100';
export const T_WENCHANG = '640502101';
export const T_DONGYUAN = '640502102';

export function analysisStore() {
  const s = directoryStore({ now: () => new Date('2024-04-10T08:00:00Z') });
  updateSettings(s.db, { regionCode: '640502' });
  loadRegionFromData(s.db, defaultDivisionDataDir(), '640502');
  signIn(s.db, 'admin', 'u-bureau', '刘强');
  return s;
}

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function putEnterprise(sqlite: SqliteDatabase, id: string, township: string, industryCode: string, scale: 'above' | 'below'): void {
  sqlite
    .prepare(
      `INSERT INTO enterprises (id, uscc, name, division_code, industry_code, scale, created_at, updated_at)
       VALUES (?, '', ?, ?, ?, ?, '2024-01-01', '2024-01-01')`,
    )
    .run(id, `企业${id}`, `${township}201`, industryCode, scale);
}

/** Writes (upserts) one indicator's months of a year, index 0 = January; null leaves a month empty. */
export function putSeries(sqlite: SqliteDatabase, id: string, year: number, key: IndicatorKey, months: readonly (number | null)[]): void {
  const col = snake(key);
  const stmt = sqlite.prepare(
    `INSERT INTO ledger_months (enterprise_id, year, month, ${col}, updated_at) VALUES (?, ?, ?, ?, '2024-04-01')
     ON CONFLICT (enterprise_id, year, month) DO UPDATE SET ${col} = excluded.${col}`,
  );
  months.forEach((v, i) => {
    if (v !== null) stmt.run(id, year, i + 1, v);
  });
}

export { signIn };
