import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exclusionOf, poolText, rosterText, ROSTER_DRAW_ALGORITHM, runRosterDraw, shortfalls, type PoolEntry, type RosterEntry } from '@shared/enforcement/roster-draw';
import { checkPublished, verifyRun, type Publication } from '@shared/enforcement/verify';

// The draw with inspectors from the roster: reproducible from a published seed, pool and roster;
// never a conflicted inspector; a seed that does not match its published hash is refused.

const sha256 = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');
const DAY = '2024-06-15';

const pool: PoolEntry[] = Array.from({ length: 40 }, (_, i) => ({
  enterpriseId: `ent-${String(i).padStart(6, '0')}`,
  uscc: `91640502MA${String(i).padStart(8, '0')}`,
  name: `企业${i}`,
  divisionCode: '640502100201',
  liaison: i % 5 === 0 ? ' 张 三 ' : '李娜',
}));
const inspector = (n: number, over: Partial<RosterEntry> = {}): RosterEntry => ({
  inspectorId: `insp-${String(n).padStart(5, '0')}`,
  name: ['张三', '李四', '王五', '赵六', '钱七', '孙八'][n] ?? `人员${n}`,
  certNo: `NX-${String(n).padStart(5, '0')}`,
  validFrom: '2023-01-01',
  validTo: '2027-12-31',
  unit: '沙坡头区统计局',
  related: [],
  ...over,
});
const roster: RosterEntry[] = [inspector(0), inspector(1, { related: ['ent-000003'] }), inspector(2), inspector(3, { validTo: '2024-06-14' }), inspector(4, { validFrom: '2024-07-01' }), inspector(5)];

function publication(seed: string, over: Partial<Publication> = {}): Publication {
  return { algorithm: ROSTER_DRAW_ALGORITHM, seedHash: sha256(seed), poolHash: sha256(poolText(pool)), rosterHash: sha256(rosterText(roster)), pool, roster, count: 12, perEnterprise: 2, day: DAY, ...over };
}

describe('conflicts of interest', () => {
  it('excludes the enterprise’s 包保责任人 (names compared after trimming and normalising), a related inspector, and a card not valid that day', () => {
    const e0 = pool[0] as PoolEntry; // liaison " 张 三 "
    const e3 = pool[3] as PoolEntry;
    expect(exclusionOf(inspector(0), e0, DAY)).toBe('liaison');
    expect(exclusionOf(inspector(0, { name: 'ＺＨＡＮＧ' }), { ...e0, liaison: 'zhang' }, DAY)).toBe('liaison');
    expect(exclusionOf(inspector(0), e3, DAY)).toBeNull();
    expect(exclusionOf(roster[1] as RosterEntry, e3, DAY)).toBe('related');
    expect(exclusionOf(roster[3] as RosterEntry, e3, DAY)).toBe('expired');
    expect(exclusionOf(roster[4] as RosterEntry, e3, DAY)).toBe('not_yet_valid');
    expect(exclusionOf(inspector(0), { ...e0, liaison: '' }, DAY)).toBeNull();
  });

  it('never draws an excluded inspector, and records every exclusion of a drawn enterprise with its reason', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 40 }), (seed, count) => {
        const r = runRosterDraw({ seed, pool, roster, count, perEnterprise: 2, day: DAY });
        if (!r.ok) return false;
        for (const item of r.items) {
          const e = pool.find((p) => p.enterpriseId === item.enterpriseId) as PoolEntry;
          for (const i of item.inspectors) expect(exclusionOf(roster.find((x) => x.inspectorId === i.inspectorId) as RosterEntry, e, DAY)).toBeNull();
          const excluded = r.exclusions.filter((x) => x.enterpriseId === e.enterpriseId);
          expect(excluded.length).toBe(roster.filter((x) => exclusionOf(x, e, DAY) !== null).length);
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });

  it('says so when no eligible inspector remains rather than drawing a conflicted one', () => {
    // Only 张三 holds a valid card, and he is the 包保责任人 of every fifth enterprise.
    const only = [inspector(0), inspector(3, { validTo: '2024-01-01' })];
    const r = runRosterDraw({ seed: 's', pool: pool.filter((p) => p.liaison.includes('张')), roster: only, count: 1, perEnterprise: 1, day: DAY });
    expect(r).toMatchObject({ ok: false, reason: 'NO_ELIGIBLE', eligible: 0 });
    expect(shortfalls(pool, only, 1, DAY).map((s) => s.enterprise.enterpriseId)).toEqual(pool.filter((p) => p.liaison.includes('张')).map((p) => p.enterpriseId));
  });
});

describe('a draw published before it runs', () => {
  it('gives the same result for the same seed, pool and roster, whatever order they arrive in', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3 }), fc.infiniteStream(fc.boolean()), (seed, count, per, flips) => {
        const shuffledPool = [...pool].sort(() => (flips.next().value ? 1 : -1));
        const shuffledRoster = [...roster].reverse().map((r) => ({ ...r, related: [...r.related].reverse() }));
        const a = runRosterDraw({ seed, pool, roster, count, perEnterprise: per, day: DAY });
        const b = runRosterDraw({ seed, pool: shuffledPool, roster: shuffledRoster, count, perEnterprise: per, day: DAY });
        expect(b).toEqual(a);
        // The published texts do not depend on the order either: the hashes match.
        expect(poolText(shuffledPool)).toBe(poolText(pool));
        expect(rosterText(shuffledRoster)).toBe(rosterText(roster));
      }),
      { numRuns: 60 },
    );
  });

  it('re-runs from the published record: a recorded run verifies, a changed result does not', () => {
    const pub = publication('SPT-2024-公示-01');
    const run = checkPublished(pub, 'SPT-2024-公示-01', sha256);
    if (!run.ok) throw new Error(run.reason);
    expect(verifyRun(pub, { seed: 'SPT-2024-公示-01', items: run.items }, sha256)).toMatchObject({ ok: true });
    const swapped = run.items.map((i, n) => (n === 0 ? { ...i, inspectors: [...i.inspectors].reverse() } : i));
    expect(verifyRun(pub, { seed: 'SPT-2024-公示-01', items: swapped }, sha256)).toEqual({ ok: false, reason: 'RESULT_MISMATCH' });
  });

  it('refuses a seed whose hash is not the published one, and a pool or roster changed since publication', () => {
    const pub = publication('the-real-seed');
    expect(checkPublished(pub, 'another-seed', sha256)).toEqual({ ok: false, reason: 'SEED_MISMATCH' });
    expect(checkPublished({ ...pub, pool: pool.slice(1) }, 'the-real-seed', sha256)).toEqual({ ok: false, reason: 'POOL_MISMATCH' });
    expect(checkPublished({ ...pub, roster: roster.map((r, i) => (i === 0 ? { ...r, related: ['ent-000001'] } : r)) }, 'the-real-seed', sha256)).toEqual({ ok: false, reason: 'ROSTER_MISMATCH' });
    expect(checkPublished({ ...pub, algorithm: 'other/1' }, 'the-real-seed', sha256)).toEqual({ ok: false, reason: 'ALGORITHM' });
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (seed) => {
        fc.pre(seed !== 'the-real-seed');
        return !checkPublished(pub, seed, sha256).ok;
      }),
      { numRuns: 200 },
    );
  });

  it('is pinned: this seed, pool and roster always draw these (a change of algorithm must be visible)', () => {
    const r = runRosterDraw({ seed: 'census-2024', pool, roster, count: 3, perEnterprise: 2, day: DAY });
    if (!r.ok) throw new Error('no draw');
    expect(r.items.map((i) => [i.name, i.inspectors.map((x) => x.name).join('+')])).toMatchInlineSnapshot(`
      [
        [
          "企业33",
          "孙八+王五",
        ],
        [
          "企业15",
          "王五+李四",
        ],
        [
          "企业37",
          "孙八+李四",
        ],
      ]
    `);
  });
});
