import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { AppError } from '@shared/result';

// Reads the compact division files written by scripts/gen-divisions.ts (data/divisions/):
// `divisions-2023.tsv.gz` for the whole country and `<region>.tsv` for a deployment region.
// Columns: code, name, level, initials; sorted by code, so parents precede children.

export type DivisionLevel = 1 | 2 | 3 | 4 | 5;

export interface DivisionInput {
  code: string;
  name: string;
  level: DivisionLevel;
  initials?: string;
}

export const COUNTRY_FILE = 'divisions-2023.tsv.gz';
const HEADER = 'code\tname\tlevel\tinitials';

/** Code length of each level; the parent of a code is its prefix of the next-shorter length. */
export const LEVEL_CODE_LENGTH = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 } as const satisfies Record<DivisionLevel, number>;

export function levelOfCode(code: string): DivisionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 2:
      return 1;
    case 4:
      return 2;
    case 6:
      return 3;
    case 9:
      return 4;
    case 12:
      return 5;
    default:
      return null;
  }
}

/** The codes above `code`, top first ('640502100' → ['64', '6405', '640502']). */
export function ancestorCodes(code: string): string[] {
  if (levelOfCode(code) === null) return [];
  return Object.values(LEVEL_CODE_LENGTH)
    .filter((length) => length < code.length)
    .map((length) => code.slice(0, length));
}

/**
 * `data/divisions` beside the repo root. Resolved when called, never at import time; a bundled
 * main process must pass its resources path instead.
 */
export function defaultDivisionDataDir(): string {
  const here: string | undefined = import.meta.url;
  if (!here) throw new Error('defaultDivisionDataDir: pass the data directory when bundled');
  // This file is electron/main/divisions/data.ts: three folders below the root.
  return path.join(path.dirname(fileURLToPath(here)), '..', '..', '..', 'data', 'divisions');
}

export function parseDivisionTsv(text: string, source: string): DivisionInput[] {
  const lines = text.split('\n');
  if (lines[0] !== HEADER) throw new Error(`${source}: unexpected header ${JSON.stringify(lines[0])}`);
  const rows: DivisionInput[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const [code = '', name = '', levelText = '', initials = ''] = line.split('\t');
    const level = levelOfCode(code);
    if (level === null || String(level) !== levelText || name === '') {
      throw new Error(`${source}:${i + 1}: malformed row ${JSON.stringify(line)}`);
    }
    rows.push({ code, name, level, initials });
  }
  return rows;
}

export function readCountryDivisions(dataDir: string): DivisionInput[] {
  const file = path.join(dataDir, COUNTRY_FILE);
  return parseDivisionTsv(gunzipSync(fs.readFileSync(file)).toString('utf8'), file);
}

/**
 * A region's rows: its ancestors, itself and all its descendants. Uses the region's own small
 * file when there is one, else filters the country file. Throws AppError INVALID_INPUT for a
 * malformed code and NOT_FOUND for a code the data does not have.
 */
export function readRegionDivisions(dataDir: string, regionCode: string): { rows: DivisionInput[]; file: string } {
  if (levelOfCode(regionCode) === null) {
    throw new AppError('INVALID_INPUT', `区划代码格式不正确 / Not a division code: ${JSON.stringify(regionCode)}`);
  }
  const own = path.join(dataDir, `${regionCode}.tsv`);
  let rows: DivisionInput[];
  let file: string;
  if (fs.existsSync(own)) {
    rows = parseDivisionTsv(fs.readFileSync(own, 'utf8'), own);
    file = own;
  } else {
    const ancestors = new Set(ancestorCodes(regionCode));
    rows = readCountryDivisions(dataDir).filter((r) => ancestors.has(r.code) || r.code.startsWith(regionCode));
    file = path.join(dataDir, COUNTRY_FILE);
  }
  if (!rows.some((r) => r.code === regionCode)) {
    throw new AppError('NOT_FOUND', `区划数据中没有此代码 / No division ${regionCode} in ${file}`);
  }
  return { rows, file };
}
