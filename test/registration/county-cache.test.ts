import { eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { units } from '@db/schema';
import { updateSettings } from '@main/session/settings-queries';
import { countyFindingsOf, hasCountyFinding, receiveCountyCheck } from '@main/registration/county-cache';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import { SyncFailure } from '@main/sync/errors';
import { writeState } from '@main/sync/queries/state';
import { stateKeys } from '@main/sync/state-keys';
import type { CountyCheckResponse, CountyFinding } from '@shared/registration/county-check';
import { openMemoryStore } from '../helpers/store';

// The bureau's county-wide check kept on the laptop: replaced by each answer, kept when the
// server cannot answer, shown on the unit and marked in the list while the unit still holds the
// value it was decided on.

let store: OpenedDatabase;
let svc: RegistrationService;
let n: number;

const A1 = '640502100201001';
const USCC = '91350100M000100Y43';
const PARENT = '91640502MA76X5678P';
const OTHER_AREA = '640502101003001';
const AT = '2024-03-15T02:00:00.000Z';

const duplicate = (unitId: string): CountyFinding => ({
  unitId,
  kind: 'duplicate',
  basis: USCC,
  other: { id: 'unit-far-0001', name: '塞上物业管理有限公司', uscc: USCC, areaCode: OTHER_AREA, kind: 'legal', unitType: '1' },
});

/** An answer as the server gives it: new findings, as of `asOf`. */
const fresh = (findings: CountyFinding[], asOf = 'c1.7.scope', computedAt = AT): CountyCheckResponse => ({ computedAt, asOf, gseq: 7, unchanged: false, findings });

/** A server with one answer; what the laptop said it holds is kept in `asked`. */
const asked: (string | null)[] = [];
const client = (answer: CountyCheckResponse | null | Error) => ({
  countyCheck: async (asOf: string | null) => {
    asked.push(asOf);
    if (answer instanceof Error) throw answer;
    return answer;
  },
});

const listed = (id: string) => svc.list({ limit: 50, offset: 0 }).rows.find((r) => r.id === id)?.hasCountyFinding;

beforeEach(() => {
  store = openMemoryStore();
  updateSettings(store.db, { userName: '王小明', deviceName: '平板01' });
  n = 0;
  svc = createRegistrationService(store.db, { now: () => new Date(AT), newId: () => `unit-${String(++n).padStart(4, '0')}` });
  svc.create({ areaCode: A1, kind: 'legal', name: '中卫市好邻居超市有限公司', uscc: USCC });
  svc.create({ areaCode: A1, kind: 'establishment', name: '好邻居二店', uscc: '91350100M000200Y43' });
});
afterEach(() => store.sqlite.close());

describe('the county check on the laptop', () => {
  it('keeps the answer with its time, shows it on the unit and marks it in the list', async () => {
    expect(svc.get('unit-0001').county).toBeNull();
    expect(listed('unit-0001')).toBe(false);
    expect(await receiveCountyCheck(store.db, client(fresh([duplicate('unit-0001')])))).toBe(1);
    expect(svc.get('unit-0001').county).toEqual({ computedAt: AT, findings: [duplicate('unit-0001')] });
    expect(listed('unit-0001')).toBe(true);
    expect(listed('unit-0002')).toBe(false);
    // The next answer replaces it whole.
    await receiveCountyCheck(store.db, client(fresh([])));
    expect(svc.get('unit-0001').county).toBeNull();
    expect(listed('unit-0001')).toBe(false);
  });

  it('sends back the answer it holds; an unchanged answer keeps the findings and moves their time on', async () => {
    asked.length = 0;
    await receiveCountyCheck(store.db, client(fresh([duplicate('unit-0001')], 'c1.7.abc')));
    const later = '2024-03-16T08:00:00.000Z';
    expect(await receiveCountyCheck(store.db, client({ computedAt: later, asOf: 'c1.7.abc', gseq: 7, unchanged: true, findings: [] }))).toBeNull();
    expect(asked).toEqual([null, 'c1.7.abc']);
    expect(svc.get('unit-0001').county).toEqual({ computedAt: later, findings: [duplicate('unit-0001')] });
  });

  it('does not ask when its pull ended at the change its answer reflects (nothing changed anywhere since)', async () => {
    asked.length = 0;
    store.db.transaction((tx) => {
      writeState(tx, stateKeys.cursor, 7);
      writeState(tx, stateKeys.scope, ['640502100201']);
    });
    await receiveCountyCheck(store.db, client(fresh([duplicate('unit-0001')])));
    expect(await receiveCountyCheck(store.db, client(fresh([])))).toBeNull();
    expect(asked).toEqual([null]);
    expect(listed('unit-0001')).toBe(true);
    // A newer change anywhere (the pull's cursor moved on), or another scope: asked again.
    writeState(store.db, stateKeys.scope, ['640502100201', '640502101003']);
    await receiveCountyCheck(store.db, client(fresh([duplicate('unit-0001')])));
    writeState(store.db, stateKeys.cursor, 8);
    await receiveCountyCheck(store.db, client(fresh([])));
    expect(asked).toEqual([null, 'c1.7.scope', 'c1.7.scope']);
    expect(listed('unit-0001')).toBe(false);
  });

  it('keeps the last answer when the server has none to give or refuses; a lost network fails the sync', async () => {
    await receiveCountyCheck(store.db, client(fresh([duplicate('unit-0001')])));
    expect(await receiveCountyCheck(store.db, client(null))).toBeNull();
    expect(await receiveCountyCheck(store.db, client(new SyncFailure('FORBIDDEN', 'no')))).toBeNull();
    expect(listed('unit-0001')).toBe(true);
    await expect(receiveCountyCheck(store.db, client(new SyncFailure('SERVER_UNREACHABLE', 'offline')))).rejects.toThrow('offline');
    expect(listed('unit-0001')).toBe(true);
  });

  it('stops showing a duplicate once the unit no longer holds that USCC', async () => {
    await receiveCountyCheck(store.db, client(fresh([duplicate('unit-0001')])));
    const unit = svc.get('unit-0001');
    svc.save({ id: unit.id, version: unit.version, forms: { ...unit.forms, '611': { ...unit.forms['611'], uscc: '91350100M000300Y43' } }, explanations: {} });
    expect(svc.get('unit-0001').uscc).toBe('91350100M000300Y43');
    expect(svc.get('unit-0001').county).toBeNull();
    expect(listed('unit-0001')).toBe(false);
  });

  it('stops showing a missing parent once the parent is marked outside the county or changed', async () => {
    const setForm611 = (values: Record<string, unknown>) => {
      const row = store.db.select({ data: units.data }).from(units).where(eq(units.id, 'unit-0002')).get();
      const data = JSON.parse(row?.data ?? '{}') as Record<string, Record<string, unknown>>;
      data['611'] = { ...data['611'], ...values };
      store.db.update(units).set({ data: JSON.stringify(data) }).where(eq(units.id, 'unit-0002')).run();
    };
    setForm611({ parentUscc: PARENT });
    await receiveCountyCheck(store.db, client(fresh([{ unitId: 'unit-0002', kind: 'parent_missing', basis: PARENT, other: null }])));
    expect(svc.get('unit-0002').county?.findings.map((f) => f.kind)).toEqual(['parent_missing']);
    expect(listed('unit-0002')).toBe(true);
    setForm611({ parentOutsideCounty: true });
    expect(countyFindingsOf(store.db, 'unit-0002')).toBeNull();
    expect(listed('unit-0002')).toBe(false);
    setForm611({ parentOutsideCounty: false, parentUscc: USCC });
    expect(countyFindingsOf(store.db, 'unit-0002')).toBeNull();
    setForm611({ parentUscc: PARENT });
    expect(countyFindingsOf(store.db, 'unit-0002')).not.toBeNull();
  });

  it('stops showing an unlisted establishment once the 法人 lists it on its 611-1 (by USCC, or by name)', async () => {
    const est = (id: string, name: string, uscc: string): CountyFinding => ({
      unitId: 'unit-0001',
      kind: 'unlisted_establishment',
      basis: USCC,
      other: { id, name, uscc, areaCode: OTHER_AREA, kind: 'establishment', unitType: '2' },
    });
    const findings = [est('unit-far-0002', '好邻居超市（城南店）', '91350100M000400Y43'), est('unit-far-0003', '好邻居超市城北店', '91350100M000500Y43')];
    await receiveCountyCheck(store.db, client(fresh(findings)));
    const shown = () => (countyFindingsOf(store.db, 'unit-0001')?.findings.map((f) => f.other?.id ?? '') ?? []).sort();
    expect(shown()).toEqual(['unit-far-0002', 'unit-far-0003']);
    const row = store.db.select({ data: units.data }).from(units).where(eq(units.id, 'unit-0001')).get();
    const data = JSON.parse(row?.data ?? '{}') as Record<string, Record<string, unknown>>;
    data['611-1'] = { establishments: [{ estName: '好邻居超市 (城南店)' }, { estName: '别的名字', estUscc: '91350100M000600Y43' }] };
    store.db.update(units).set({ data: JSON.stringify(data) }).where(eq(units.id, 'unit-0001')).run();
    // The first by its name (full-width brackets and a space aside); the second row's USCC is another unit's.
    expect(shown()).toEqual(['unit-far-0003']);
    data['611-1'] = { establishments: [{ estName: '好邻居超市 (城南店)' }, { estName: '别的名字', estUscc: '91350100M000500Y43' }] };
    store.db.update(units).set({ data: JSON.stringify(data) }).where(eq(units.id, 'unit-0001')).run();
    expect(shown()).toEqual([]);
    expect(listed('unit-0001')).toBe(false);
  });

  it('marks the list without leaving its covering index (a unit row is read only where a finding is cached)', () => {
    const query = store.db.select({ id: units.id, name: units.name, flag: hasCountyFinding }).from(units).where(isNull(units.deletedAt)).toSQL();
    const plan = (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[]).map((p) => p.detail);
    expect(plan.join(' | ')).toContain('SCAN units USING COVERING INDEX units_list_idx');
    expect(plan.join(' | ')).toMatch(/SEARCH u USING INDEX sqlite_autoindex_units_1 \(id=\?\)/);
  });
});
