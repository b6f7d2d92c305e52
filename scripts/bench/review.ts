import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase, type AppDatabase, type SqliteDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { refreshReviewIndex } from '@main/review/queries';
import { updateSettings } from '@main/session/settings-queries';
import { writeState } from '@main/sync/queries/state';
import { progressReport } from '@main/progress/service';
import { createReviewService } from '@main/review/service';
import { newEventId } from '@main/review/events';
import { unitFields } from '@main/registration/unit-fields';
import type { ReviewEventValue } from '@shared/review/review';
import { ProgressQuery } from '@shared/progress/progress';
import { generateUnits, prng, seedRegistration } from './registration-seed';
import { timeSamples } from './lib/stats';
import { withTempDir } from './lib/temp-dir';
import type { Benchmark } from './types';

// Review and progress on a supervisor's laptop late in the census: 10,000 units in an
// encrypted store, each with its server fields in sync_base as a pull leaves them, and review
// events (a submission, for some a return, an answer, an approval) on the units that have been
// submitted. Measured on a freshly opened store.

const UNIT_COUNT = 10_000;

interface Seeded {
  db: AppDatabase;
  sqlite: SqliteDatabase;
}

function seedReview(db: AppDatabase, sqlite: SqliteDatabase): void {
  const units = generateUnits(UNIT_COUNT);
  seedRegistration(db, units);
  const rand = prng(66);
  const rows = sqlite.prepare('SELECT * FROM units').all() as Record<string, string | null>[];
  const insert = sqlite.prepare('INSERT INTO sync_base (entity, entity_id, area_code, fields) VALUES (?, ?, ?, jsonb(?))');
  let gseq = 0;
  const at = (d: number) => new Date(Date.UTC(2024, 2, d, 2)).toISOString();
  sqlite.transaction(() => {
    for (const r of rows) {
      const content = {
        areaCode: String(r.area_code),
        kind: String(r.kind),
        source: String(r.source),
        status: String(r.status),
        name: String(r.name),
        uscc: String(r.uscc),
        address: String(r.address),
        industryCode: String(r.industry_code),
        data: String(r.data),
        explanations: String(r.explanations),
        notFoundReason: r.not_found_reason ?? null,
        outOfScopeReason: null,
        formPack: null,
        frameRow: r.frame_row ?? null,
        deletedAt: null,
      };
      const fields: Record<string, [number, unknown]> = { $create: [++gseq, { areaCode: content.areaCode, kind: content.kind, source: 'frame' }] };
      for (const [field, value] of unitFields(content)) fields[field] = [++gseq, value];
      const events: ReviewEventValue[] = [];
      if (['submitted', 'returned', 'approved'].includes(content.status)) {
        events.push({ kind: 'submit', at: at(1 + Math.floor(rand() * 10)), by: { name: '普查员01', role: 'enumerator' } });
      }
      if (content.status === 'returned') {
        events.push({ kind: 'return', at: at(12), by: { name: '指导员01', role: 'supervisor' }, note: null, comments: [{ id: 'c-00000001', path: '611.revenue', text: '请核实营业收入', value: 1200 }] });
      }
      if (content.status === 'approved') events.push({ kind: 'approve', at: at(13), by: { name: '指导员01', role: 'supervisor' }, note: null, isBulk: false });
      for (const e of events) fields[`review.${newEventId()}`] = [++gseq, e];
      insert.run('unit', String(r.id), content.areaCode, JSON.stringify(fields));
    }
  })();
}

async function withReviewStore(prefix: string, fn: (s: Seeded) => Promise<number[]>, opts: { indexed: boolean }): Promise<number[]> {
  return withTempDir(prefix, async (dir) => {
    const key = randomBytes(32).toString('hex');
    const file = path.join(dir, 'census.db');
    const seeding = openDatabase(file, { key });
    seedReview(seeding.db, seeding.sqlite);
    loadRegionFromData(seeding.db, defaultDivisionDataDir(), '640502');
    updateSettings(seeding.db, { userName: '指导员01', deviceName: '沙坡头区-笔记本01', regionCode: '640502' });
    writeState(seeding.db, 'userRole', 'supervisor');
    writeState(seeding.db, 'userId', 'u-super01');
    if (opts.indexed) refreshReviewIndex(seeding.db);
    seeding.sqlite.close();
    const store = openDatabase(file, { key });
    try {
      return await fn({ db: store.db, sqlite: store.sqlite });
    } finally {
      store.sqlite.close();
    }
  });
}

export const reviewIndexFresh10k: Benchmark = {
  name: 'review.index-after-fresh-pull-10k',
  description: `first review read after a fresh pull of ${UNIT_COUNT} units: the review-event index re-reads every marked unit`,
  unit: 'ms',
  target: 1_000,
  better: 'lower',
  run: () =>
    withReviewStore(
      'index',
      async ({ db, sqlite }) => {
        const samples: number[] = [];
        for (let i = 0; i < 3; i++) {
          sqlite.prepare("INSERT OR IGNORE INTO review_dirty (unit_id) SELECT entity_id FROM sync_base WHERE entity = 'unit'").run();
          const start = performance.now();
          refreshReviewIndex(db);
          samples.push(performance.now() - start);
        }
        return samples;
      },
      { indexed: false },
    ),
};

export const reviewQueue10k: Benchmark = {
  name: 'review.queue-10k',
  description: `supervisor's queue page (200 rows) with stage counts and per-enumerator counts; ${UNIT_COUNT} units, by stage`,
  unit: 'ms',
  target: 50,
  better: 'lower',
  run: () =>
    withReviewStore(
      'queue',
      async ({ db }) => {
        const review = createReviewService(db);
        const stages = ['submitted', 'returned', 'approved', 'reopened'] as const;
        let i = 0;
        return timeSamples(40, () => review.queue({ stage: stages[i++ % stages.length], limit: 200, offset: 0 }));
      },
      { indexed: true },
    ),
};

export const progress10k: Benchmark = {
  name: 'review.progress-10k',
  description: `progress per 普查区, 普查小区 and enumerator with a 14-day trend; ${UNIT_COUNT} units`,
  unit: 'ms',
  target: 100,
  better: 'lower',
  run: () =>
    withReviewStore(
      'progress',
      async ({ db }) => timeSamples(20, () => progressReport(db, ProgressQuery.parse({}), new Date(Date.UTC(2024, 2, 14, 8)))),
      { indexed: true },
    ),
};

export const reviewBenchmarks: readonly Benchmark[] = [reviewIndexFresh10k, reviewQueue10k, progress10k];
