import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasStaleMeasures, recomputeAllFlags } from '@main/followup/thresholds';
import { copyMigrations, createTempStore, type TempStore } from '../helpers/store';
import { uscc, VILLAGE } from './helpers';

// Migrations 0032 (the admission attributes) and 0033 (their data, hand-written): a stored
// "有资质" (has_qualification = 1) said a qualification exists, not which. It becomes 'unconfirmed'
// (资质待确认, admitting nothing) — never 总承包 or 专业承包 nobody stated; for 7010 it was the
// statement of development activity, and only that. Flags stored on 营业收入 are read again on each rule's measure.

let store: TempStore | null = null;
afterEach(() => store?.dispose());

/** A store as the build before 0032 left it, with enterprises, flags and ledger months. */
function previousBuildStore(): TempStore {
  const s = createTempStore();
  const before = copyMigrations();
  const journalPath = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0032_admission_attributes'));
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  const old = s.open({ migrationsFolder: before });
  const insert = old.sqlite.prepare(
    "INSERT INTO enterprises (id, uscc, name, division_code, industry_code, has_qualification, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '2024-01-01', '2024-01-01')",
  );
  insert.run('builder-0001', uscc('501'), '旧版有资质建筑公司', VILLAGE, '4710', 1);
  insert.run('builder-0002', uscc('502'), '旧版无资质建筑公司', VILLAGE, '4710', 0);
  insert.run('develop-0001', uscc('503'), '旧版房地产开发公司', VILLAGE, '7010', 1);
  insert.run('factory-0001', uscc('504'), '旧版机械厂', VILLAGE, '3411', 0);
  // Flagged 准规模 on 营业收入 (18,000 a year ≥ 80 % of 20,000), with no 主营业务收入 entered.
  old.sqlite.prepare("INSERT INTO enterprise_flags (enterprise_id, is_near_threshold, as_of, ytd_revenue, ytd_months) VALUES ('factory-0001', 1, '2024-02', 3000, 2)").run();
  old.sqlite.prepare("INSERT INTO ledger_months (enterprise_id, year, month, revenue, updated_at) VALUES ('factory-0001', 2024, 1, 1500, 'x'), ('factory-0001', 2024, 2, 1500, 'x')").run();
  old.sqlite.prepare("INSERT INTO enterprise_flags (enterprise_id, is_near_threshold) VALUES ('builder-0001', 1), ('develop-0001', 1)").run();
  old.sqlite.close();
  return s;
}

describe('admission attributes (migrations 0032 and 0033)', () => {
  it('turns a stored 有资质 into 资质待确认, and into development activity for 7010, touching nothing else', () => {
    store = previousBuildStore();
    const opened = store.open();
    const rows = opened.sqlite.prepare('SELECT id, qualification_kind, has_development_activity, unit_kind, is_locally_registered FROM enterprises ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'builder-0001', qualification_kind: 'unconfirmed', has_development_activity: 0, unit_kind: 'legal', is_locally_registered: null },
      { id: 'builder-0002', qualification_kind: 'none', has_development_activity: 0, unit_kind: 'legal', is_locally_registered: null },
      { id: 'develop-0001', qualification_kind: 'none', has_development_activity: 1, unit_kind: 'legal', is_locally_registered: null },
      { id: 'factory-0001', qualification_kind: 'none', has_development_activity: 0, unit_kind: 'legal', is_locally_registered: null },
    ]);
  });

  it('recomputes the stored flags on each rule’s measure: no 准规模 from 营业收入 for industry, the builder to confirm', () => {
    store = previousBuildStore();
    const opened = store.open();
    // What the start-up warm-up asks before it pays for a pass over every enterprise.
    expect(hasStaleMeasures(opened.db)).toBe(true);
    recomputeAllFlags(opened.db);
    expect(hasStaleMeasures(opened.db)).toBe(false);
    const flags = opened.sqlite.prepare('SELECT enterprise_id AS id, is_near_threshold AS near, is_reached AS reached, measure, is_measure_missing AS missing, ytd_revenue AS ytd FROM enterprise_flags ORDER BY enterprise_id').all();
    expect(flags).toEqual([
      { id: 'builder-0001', near: 0, reached: 0, measure: 'revenue', missing: 0, ytd: null },
      { id: 'builder-0002', near: 0, reached: 0, measure: 'revenue', missing: 0, ytd: null },
      { id: 'develop-0001', near: 0, reached: 1, measure: 'revenue', missing: 0, ytd: null },
      { id: 'factory-0001', near: 0, reached: 0, measure: 'mainRevenue', missing: 1, ytd: null },
    ]);
  });
});
