import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import {
  childDivisions,
  countDivisions,
  loadCountryFromData,
  divisionExists,
  getDivision,
  loadDivisions,
  loadRegionFromData,
  searchDivisions,
} from '@main/divisions/queries';
import { AppError } from '@shared/result';
import { dumpStore, openMemoryStore } from '../helpers/store';

const dataDir = fileURLToPath(new URL('../../data/divisions', import.meta.url));

let store: OpenedDatabase;
beforeEach(() => {
  store = openMemoryStore();
});
afterEach(() => {
  store.sqlite.close();
});

describe('loading the deployment region 640502 (宁夏 中卫市 沙坡头区)', () => {
  it('loads its ancestors, 13 townships and 200 villages from the shipped file', () => {
    const result = loadRegionFromData(store.db, dataDir, '640502');
    expect(result.loaded).toBe(216);
    expect(path.basename(result.file)).toBe('640502.tsv');
    expect(countDivisions(store.db, '640502', 4)).toBe(13);
    expect(countDivisions(store.db, '640502', 5)).toBe(200);
    expect(countDivisions(store.db)).toBe(216);
    expect(getDivision(store.db, '64')).toMatchObject({ name: '宁夏回族自治区', level: 1, parentCode: null });
    expect(getDivision(store.db, '640502100')).toMatchObject({ name: '滨河镇', level: 4, parentCode: '640502', initials: 'bhz' });
  });

  it('is idempotent: a second load changes nothing', () => {
    loadRegionFromData(store.db, dataDir, '640502');
    const before = dumpStore(store.sqlite);
    loadRegionFromData(store.db, dataDir, '640502');
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('reads a region without its own file from the country file, with the same rows', () => {
    const own = openMemoryStore();
    try {
      loadRegionFromData(own.db, dataDir, '640502');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'divisions-'));
      fs.copyFileSync(path.join(dataDir, 'divisions-2023.tsv.gz'), path.join(dir, 'divisions-2023.tsv.gz'));
      const result = loadRegionFromData(store.db, dir, '640502');
      expect(path.basename(result.file)).toBe('divisions-2023.tsv.gz');
      expect(dumpStore(store.sqlite).divisions).toEqual(dumpStore(own.sqlite).divisions);
      // A township works as a region too: 64, 6405, 640502, the township and its villages.
      const other = openMemoryStore();
      const township = loadRegionFromData(other.db, dir, '640502200');
      other.sqlite.close();
      expect(township.loaded).toBe(4 + countDivisions(store.db, '640502200', 5));
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      own.sqlite.close();
    }
  });

  it('refuses a malformed or unknown region, loading nothing', () => {
    const invalid = (() => {
      try {
        loadRegionFromData(store.db, dataDir, '64050');
      } catch (e) {
        return e;
      }
    })();
    expect(invalid).toBeInstanceOf(AppError);
    expect(invalid).toMatchObject({ code: 'INVALID_INPUT' });
    expect(() => loadRegionFromData(store.db, dataDir, '990101')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(countDivisions(store.db)).toBe(0);
  });
});

describe('the whole country on demand', () => {
  it('loads all five levels of the 2023 codes, with every parent present', () => {
    expect(loadCountryFromData(store.db, dataDir)).toBe(665_276);
    expect(([1, 2, 3, 4, 5] as const).map((level) => countDivisions(store.db, '', level))).toEqual([
      31, 342, 2978, 41_352, 620_573,
    ]);
    const orphans = store.sqlite
      .prepare('SELECT count(*) FROM divisions d WHERE d.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM divisions p WHERE p.code = d.parent_code)')
      .pluck()
      .get();
    expect(orphans).toBe(0);
    expect(searchDivisions(store.db, '', '沙坡头区')[0]?.code).toBe('640502');
  });
});

describe('loadDivisions', () => {
  it('upserts: a corrected name replaces the old one, parents are derived from the code', () => {
    loadDivisions(store.db, [
      { code: '64', name: '宁夏', level: 1 },
      { code: '6405', name: '中卫市', level: 2, initials: 'zws' },
    ]);
    loadDivisions(store.db, [{ code: '64', name: '宁夏回族自治区', level: 1, initials: 'nxhzzzq' }]);
    expect(getDivision(store.db, '64')).toEqual({ code: '64', name: '宁夏回族自治区', level: 1, parentCode: null, initials: 'nxhzzzq' });
    expect(getDivision(store.db, '6405')?.parentCode).toBe('64');
  });

  it('writes nothing when any row is invalid', () => {
    const before = dumpStore(store.sqlite);
    expect(() =>
      loadDivisions(store.db, [
        { code: '64', name: '宁夏回族自治区', level: 1 },
        { code: '64050', name: '坏代码', level: 3 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => loadDivisions(store.db, [{ code: '64', name: '  ', level: 1 }])).toThrow(AppError);
    expect(dumpStore(store.sqlite)).toEqual(before);
  });
});

describe('queries over the loaded region', () => {
  beforeEach(() => {
    loadRegionFromData(store.db, dataDir, '640502');
  });

  it('knows which codes exist, at natural length or padded to 12 digits', () => {
    expect(divisionExists(store.db, '640502')).toBe(true);
    expect(divisionExists(store.db, '640502000000')).toBe(true);
    expect(divisionExists(store.db, '640502100000')).toBe(true);
    expect(divisionExists(store.db, '640502100002')).toBe(true);
    expect(divisionExists(store.db, '640502100999')).toBe(false);
    expect(divisionExists(store.db, '640521')).toBe(false); // 中宁县: not loaded
    expect(divisionExists(store.db, 'abc')).toBe(false);
    expect(divisionExists(store.db, '')).toBe(false);
  });

  it('lists children in code order', () => {
    const townships = childDivisions(store.db, '640502');
    expect(townships).toHaveLength(13);
    expect(townships[0]?.name).toBe('滨河镇');
    expect(townships.every((t) => t.level === 4)).toBe(true);
  });

  it('searches by code prefix, Chinese name and pinyin initials within a region', () => {
    expect(searchDivisions(store.db, '640502', '640502100', 3).map((d) => d.code)).toEqual([
      '640502100',
      '640502100002',
      '640502100006',
    ]);
    expect(searchDivisions(store.db, '', '滨河镇')[0]?.code).toBe('640502100');
    expect(searchDivisions(store.db, '640502', 'bhz')[0]?.name).toBe('滨河镇');
    const communities = searchDivisions(store.db, '640502', '社区', 500);
    expect(communities.length).toBeGreaterThan(5);
    expect(communities.every((d) => d.name.includes('社区') && d.code.startsWith('640502'))).toBe(true);
    // Outside the region nothing matches; wildcard characters are plain text.
    expect(searchDivisions(store.db, '640521', '滨河')).toEqual([]);
    expect(searchDivisions(store.db, '', '%')).toEqual([]);
    expect(searchDivisions(store.db, '', '  ')).toEqual([]);
  });

  it('ranks initials prefixes before inner matches, townships before villages within a rank', () => {
    const hits = searchDivisions(store.db, '640502', 'z', 500);
    const prefixed = hits.filter((d) => d.initials.startsWith('z'));
    expect(prefixed.length).toBeGreaterThan(0);
    expect(hits.slice(0, prefixed.length)).toEqual(prefixed);
    const levels = prefixed.map((d) => d.level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(levels[0]).toBe(4);
  });
});

describe('parsing the compact files', () => {
  it('stops at a malformed row rather than skipping it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'divisions-bad-'));
    try {
      const tsv = 'code\tname\tlevel\tinitials\n64\t宁夏回族自治区\t1\tnxhzzzq\n6405\t中卫市\t3\tzws\n';
      fs.writeFileSync(path.join(dir, 'divisions-2023.tsv.gz'), gzipSync(tsv));
      expect(() => loadRegionFromData(store.db, dir, '6405')).toThrow(/malformed row/);
      expect(countDivisions(store.db)).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
