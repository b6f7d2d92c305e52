import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { openDatabase, type AppDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { updateSettings } from '@main/session/settings-queries';
import { units as unitsTable } from '@db/schema';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinPack } from '@shared/packs/builtin';
import { loadPack } from '@shared/packs/load';
import type { FormsDoc } from '@shared/registration/registration';
import { evaluate } from '@shared/rules';
import { generateUnits, prng, seedRegistration, type SeedUnit } from './registration-seed';
import { timeSamples } from './lib/stats';
import { withTempDir } from './lib/temp-dir';
import type { Benchmark } from './types';

// Registration on an enumerator's laptop late in the census: 10,000 units across ~70
// 普查小区 with complete forms, in an encrypted store file. Each benchmark seeds its own store.

const UNIT_COUNT = 10_000;

interface Seeded {
  db: AppDatabase;
  svc: RegistrationService;
  units: SeedUnit[];
}

async function withSeededStore(prefix: string, fn: (s: Seeded) => Promise<number[]>): Promise<number[]> {
  return withTempDir(prefix, async (dir) => {
    const key = randomBytes(32).toString('hex');
    const file = path.join(dir, 'census.db');
    const seeding = openDatabase(file, { key });
    const units = generateUnits(UNIT_COUNT);
    seedRegistration(seeding.db, units);
    loadRegionFromData(seeding.db, defaultDivisionDataDir(), '640502');
    updateSettings(seeding.db, { userName: '普查员01', deviceName: '沙坡头区-平板01', regionCode: '640502' });
    seeding.sqlite.close();
    // Measured on a freshly opened store, as after an app start: nothing cached by the seeding.
    const store = openDatabase(file, { key });
    try {
      return await fn({ db: store.db, svc: createRegistrationService(store.db), units });
    } finally {
      store.sqlite.close();
    }
  });
}

export const registrationList10k: Benchmark = {
  name: 'registration.list-10k',
  description: `unit list page (200 rows) with total, per-area status counts and duplicate flags; ${UNIT_COUNT} units, by area / status / all`,
  unit: 'ms',
  target: 30,
  better: 'lower',
  run: () =>
    withSeededStore('list', async ({ svc, units }) => {
      const rand = prng(30);
      const areas = [...new Set(units.map((u) => u.areaCode))];
      const queries = [
        () => svc.list({ limit: 200, offset: 0 }),
        () => svc.list({ areaPrefix: areas[Math.floor(rand() * areas.length)], limit: 200, offset: 0 }),
        () => svc.list({ statuses: ['draft', 'returned'], limit: 200, offset: 0 }),
        () => svc.list({ limit: 200, offset: 4_000 }),
      ];
      let i = 0;
      return timeSamples(60, () => queries[i++ % queries.length]?.());
    }),
};

export const registrationSearch10k: Benchmark = {
  name: 'registration.search-10k',
  description: `instant search over ${UNIT_COUNT} units by name, pinyin initials, USCC and address`,
  unit: 'ms',
  target: 30,
  better: 'lower',
  run: () =>
    withSeededStore('search', async ({ svc }) => {
      const terms = ['金沙', 'jshcx', '9164050212', '应理南街', '枸杞', 'zws hd', '餐饮 文萃路', '没有这个单位'];
      let i = 0;
      return timeSamples(64, () => svc.list({ query: terms[i++ % terms.length], limit: 200, offset: 0 }));
    }),
};

export const registrationOpenUnit10k: Benchmark = {
  name: 'registration.open-unit-10k',
  description: `open one unit's forms (read, parse, all rules over its forms, duplicates) among ${UNIT_COUNT}`,
  unit: 'ms',
  target: 20,
  better: 'lower',
  run: () =>
    withSeededStore('open', async ({ svc, units }) => {
      const rand = prng(20);
      return timeSamples(100, () => svc.get(units[Math.floor(rand() * units.length)]?.id ?? ''));
    }),
};

export const registrationSave10k: Benchmark = {
  name: 'registration.save-10k',
  description: `save one changed item of a full legal unit: rules, diff, unit row + trace row in one transaction; ${UNIT_COUNT} units`,
  unit: 'ms',
  target: 10,
  better: 'lower',
  run: () =>
    withSeededStore('save', async ({ db, svc, units }) => {
      const legal = units.filter((u) => u.kind === 'legal').slice(0, 50);
      // Units marked 找不到 refuse edits until reopened; these are being registered.
      db.update(unitsTable).set({ status: 'draft' }).where(inArray(unitsTable.id, legal.map((u) => u.id))).run();
      const versions = new Map(legal.map((u) => [u.id, 1]));
      let i = 0;
      return timeSamples(200, () => {
        const unit = legal[i % legal.length] as SeedUnit;
        i += 1;
        const forms = structuredClone(unit.forms) as FormsDoc;
        // 营业收入 is typed on 611-3 and carried into 611 (shared/forms/computed.ts).
        forms['611-3'] = { ...forms['611-3'], revenue: 1_000 + i };
        const saved = svc.save({ id: unit.id, version: versions.get(unit.id) ?? 1, forms, explanations: {} });
        versions.set(unit.id, saved.version);
      });
    }),
};

export const rulesEvaluate611: Benchmark = {
  name: 'rules.evaluate-611',
  description: 'the rule engine over one full 611 (all rules, cross-form context)',
  unit: 'ms',
  target: 5,
  better: 'lower',
  run: async () => {
    const pack = builtinPack();
    const units = generateUnits(200).filter((u) => u.kind === 'legal');
    let i = 0;
    return timeSamples(300, () => {
      const unit = units[i++ % units.length] as SeedUnit;
      return evaluate(pack, '611', unit.forms['611'] ?? {}, {
        today: '2024-03-15',
        deploymentCounty: '640502',
        divisionExists: (code) => code.startsWith('640502'),
        lastYear: { revenue: 12_000, employees: 20 },
        forms: unit.forms,
      });
    }, 20);
  },
};

const builtinPackFile = fileURLToPath(new URL('../../shared/packs/builtin/wjp5-2023.json', import.meta.url));

export const formsPackLoad: Benchmark = {
  name: 'forms.pack-load',
  description: 'start-up: read, parse, check and compile the built-in form pack (every form, rule and expression)',
  unit: 'ms',
  target: 100,
  better: 'lower',
  run: async () =>
    timeSamples(30, () => {
      const pack = loadPack(JSON.parse(readFileSync(builtinPackFile, 'utf8')));
      if (pack.forms.length === 0) throw new Error('empty pack');
    }, 3),
};

export const registrationBenchmarks: readonly Benchmark[] = [
  formsPackLoad,
  registrationList10k,
  registrationSearch10k,
  registrationOpenUnit10k,
  registrationSave10k,
  rulesEvaluate611,
];
