import { and, asc, count, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { shortDivisionCode } from '@shared/census/identifiers';
import { AppError } from '@shared/result';
import type { AppDatabase } from '@db/open';
import { divisions } from '@db/schema';
import {
  ancestorCodes,
  levelOfCode,
  readCountryDivisions,
  readRegionDivisions,
  type DivisionInput,
  type DivisionLevel,
} from './data';

export { defaultDivisionDataDir, type DivisionInput, type DivisionLevel } from './data';

export type DivisionRow = typeof divisions.$inferSelect;

/**
 * Inserts or updates `rows` by code, all in one transaction: loading the same data twice
 * changes nothing, a corrected name replaces the old one. Every row is checked first (code
 * shape matches its level, non-empty name); one bad row throws AppError INVALID_INPUT and
 * nothing is written. Returns the number of rows given.
 */
export function loadDivisions(db: AppDatabase, rows: readonly DivisionInput[]): number {
  const values = rows.map((row, i) => {
    if (levelOfCode(row.code) !== row.level || row.name.trim() === '') {
      throw new AppError('INVALID_INPUT', `第 ${i + 1} 行区划数据无效 / Division row ${i + 1} is invalid: ${JSON.stringify(row)}`);
    }
    return {
      code: row.code,
      name: row.name.trim(),
      level: row.level,
      parentCode: ancestorCodes(row.code).at(-1) ?? null,
      initials: row.initials ?? '',
    };
  });
  // One prepared statement run per row: drizzle builds the SQL once, and better-sqlite3
  // transactions are synchronous (nothing here awaits).
  db.transaction((tx) => {
    const upsert = tx
      .insert(divisions)
      .values({
        code: sql.placeholder('code'),
        name: sql.placeholder('name'),
        level: sql.placeholder('level'),
        parentCode: sql.placeholder('parentCode'),
        initials: sql.placeholder('initials'),
      })
      .onConflictDoUpdate({
        target: divisions.code,
        set: {
          name: sql`excluded.name`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          initials: sql`excluded.initials`,
        },
      })
      .prepare();
    for (const value of values) upsert.run(value);
  });
  return values.length;
}

/** Loads a region (its ancestors, itself, its descendants) from data/divisions. */
export function loadRegionFromData(db: AppDatabase, dataDir: string, regionCode: string): { loaded: number; file: string } {
  const { rows, file } = readRegionDivisions(dataDir, regionCode);
  return { loaded: loadDivisions(db, rows), file };
}

/** Loads the whole country (about 665,000 rows) from data/divisions. */
export function loadCountryFromData(db: AppDatabase, dataDir: string): number {
  return loadDivisions(db, readCountryDivisions(dataDir));
}

/** A stored code at its natural length; 12-digit codes padded with zero levels are shortened first. */
function storedCode(code: string): string | null {
  if (code.length === 12) return shortDivisionCode(code);
  return levelOfCode(code) === null ? null : code;
}

// Lookups run per form check, so the statement is prepared once per connection: building the
// query each call costs drizzle about half a millisecond.
const prepareGet = (db: AppDatabase) =>
  db.select().from(divisions).where(eq(divisions.code, sql.placeholder('code'))).prepare();
const preparedGet = new WeakMap<AppDatabase, ReturnType<typeof prepareGet>>();

export function getDivision(db: AppDatabase, code: string): DivisionRow | undefined {
  const key = storedCode(code);
  if (key === null) return undefined;
  let statement = preparedGet.get(db);
  if (!statement) {
    statement = prepareGet(db);
    preparedGet.set(db, statement);
  }
  return statement.get({ code: key });
}

/**
 * Whether the code is in the loaded division data. Takes the natural length (6 for a county)
 * or the 12-digit form ('640502000000' is the county 640502). Only what has been loaded
 * counts: a code outside the deployment region is unknown until the country is loaded.
 */
export function divisionExists(db: AppDatabase, code: string): boolean {
  return getDivision(db, code) !== undefined;
}

// Codes are digits, and ':' sorts right after '9': [prefix, prefix + ':') is exactly the codes
// starting with prefix, as a range the primary-key index can serve (LIKE could not: it is
// case-insensitive and so skips a BINARY index).
function withinPrefix(prefix: string): SQL | undefined {
  return prefix === '' ? undefined : and(gte(divisions.code, prefix), lt(divisions.code, `${prefix}:`));
}

export function childDivisions(db: AppDatabase, parentCode: string): DivisionRow[] {
  return db.select().from(divisions).where(eq(divisions.parentCode, parentCode)).orderBy(asc(divisions.code)).all();
}

/** Rows loaded under `within` (itself included; '' = all), optionally at one level. */
export function countDivisions(db: AppDatabase, within = '', level?: DivisionLevel): number {
  const where = and(withinPrefix(within), level === undefined ? undefined : eq(divisions.level, level));
  return db.select({ n: count() }).from(divisions).where(where).get()?.n ?? 0;
}

/**
 * Picker search within a region (`within` = a code prefix, '' = everything loaded): by code
 * prefix, Chinese name or pinyin initials, ranked like shared/codes/search.ts (exact code, code
 * prefix, exact name, exact initials, name prefix, initials prefix, name substring, initials
 * substring), then by level and code. Matching uses substr/instr, so % and _ in the query are
 * plain characters.
 */
export function searchDivisions(db: AppDatabase, within: string, query: string, limit = 20): DivisionRow[] {
  const q = query.trim();
  if (q === '' || limit <= 0) return [];
  const lower = q.toLowerCase();
  const rank = sql<number>`CASE
    WHEN ${divisions.code} = ${q} THEN 0
    WHEN substr(${divisions.code}, 1, length(${q})) = ${q} THEN 1
    WHEN ${divisions.name} = ${q} THEN 2
    WHEN ${divisions.initials} = ${lower} THEN 3
    WHEN substr(${divisions.name}, 1, length(${q})) = ${q} THEN 4
    WHEN substr(${divisions.initials}, 1, length(${lower})) = ${lower} THEN 5
    WHEN instr(${divisions.name}, ${q}) > 0 THEN 6
    WHEN instr(${divisions.initials}, ${lower}) > 0 THEN 7
  END`;
  const ranked = db
    .select({
      code: divisions.code,
      name: divisions.name,
      level: divisions.level,
      parentCode: divisions.parentCode,
      initials: divisions.initials,
      rank: rank.as('rank'),
    })
    .from(divisions)
    // Digits can only match codes: search the code range through the index, not every row.
    .where(and(withinPrefix(within), /^\d+$/.test(q) ? withinPrefix(q) : undefined))
    .as('ranked');
  return db
    .select({
      code: ranked.code,
      name: ranked.name,
      level: ranked.level,
      parentCode: ranked.parentCode,
      initials: ranked.initials,
    })
    .from(ranked)
    .where(sql`${ranked.rank} IS NOT NULL`)
    .orderBy(asc(ranked.rank), asc(ranked.level), asc(ranked.code))
    .limit(limit)
    .all();
}

/** The top of the loaded tree (no parent), by code. */
export function rootDivisions(db: AppDatabase): DivisionRow[] {
  return db.select().from(divisions).where(isNull(divisions.parentCode)).orderBy(asc(divisions.code)).all();
}

/** Codes of every loaded division within `prefix` (itself included), in order. */
export function divisionCodesWithin(db: AppDatabase, prefix: string): string[] {
  return db
    .select({ code: divisions.code })
    .from(divisions)
    .where(and(gte(divisions.code, prefix), lt(divisions.code, `${prefix}:`)))
    .orderBy(asc(divisions.code))
    .all()
    .map((r) => r.code);
}

/** Names of the given division codes that are loaded. */
export function divisionNamesOf(db: AppDatabase, codes: readonly string[]): Map<string, string> {
  if (codes.length === 0) return new Map();
  return new Map(
    db
      .select({ code: divisions.code, name: divisions.name })
      .from(divisions)
      .where(inArray(divisions.code, [...codes]))
      .all()
      .map((d) => [d.code, d.name]),
  );
}
