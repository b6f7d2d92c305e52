import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError, userError } from '@shared/result';
import { runDraw } from '@shared/inspection/draw';
import type { JsonValue } from '@shared/sync/protocol';
import type { StepValue, TaskCreateValue, TaskSource } from '@shared/verification/sync-fields';
import { exitReasons } from '../followup/lists';
import { rowsWithFlags, toEnterpriseRow } from '../directory/queries';
import { indexFor } from '../directory/index-store';
import { createDrawService, poolHash } from '../inspection/draw';
import { recordOps } from '../sync/outbox';
import { tasksOf, writeTask } from './queries';
import { actor, requireActorPermission, type VerificationOptions } from './service';
import type { TaskCreateResult } from '@shared/verification/wire';

// New 核查 tasks from a list: enterprises picked on the 入库 applicants (申报入库) or the 退库
// list, a seeded sample of the 规上 (一套表) units, or the enterprises of a 双随机 draw. One
// batch, one transaction: every task's '$create', its first state, its assignee, a 退库 task's
// proposal and a history line go into the outbox together. An enterprise that already has an
// open task of the same kind, or is not on the list the kind comes from, is passed over and named.

interface Candidate {
  enterpriseId: string;
  uscc: string;
  name: string;
  divisionCode: string;
  exit?: { reasons: string[]; note: string };
}

type Skipped = TaskCreateResult['skipped'][number];

const isOpen = (row: { state: string; exitState: string | null; kind: string }): boolean =>
  row.kind === 'exit' ? row.exitState !== 'removed' && row.exitState !== 'rejected' : row.state !== 'completed';

export function createTasks(db: AppDatabase, input: ParsedInput<'verification:create'>, opts: VerificationOptions = {}): TaskCreateResult {
  const a = actor(db);
  requireActorPermission(a, 'verify.manage', '建立核查任务', 'create verification tasks');
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;
  const at = now();
  const stamp = at.toISOString();
  const skipped: Skipped[] = [];
  let source: TaskSource = { list: 'applicants', drawId: null, seed: null, poolHash: null, poolSize: null };
  let candidates: Candidate[] = [];

  if (input.kind === 'admission' || input.kind === 'exit') {
    source = { ...source, list: input.kind === 'admission' ? 'applicants' : 'exits' };
    const rows = new Map(rowsWithFlags(db, input.enterpriseIds).map((r) => [r.id, r]));
    for (const id of new Set(input.enterpriseIds)) {
      const r = rows.get(id);
      if (!r) {
        skipped.push({ enterpriseId: id, name: id, zh: '本机名录中没有此企业', en: 'not in the directory on this computer' });
        continue;
      }
      const base = { enterpriseId: r.id, uscc: r.uscc, name: r.name, divisionCode: r.divisionCode };
      if (input.kind === 'admission') {
        if (r.stage !== 'applied') skipped.push({ enterpriseId: id, name: r.name, zh: '不在入库申报名单中（入规纳统阶段不是“已申报”）', en: 'not an applicant (follow-up stage is not “applied”)' });
        else candidates.push(base);
        continue;
      }
      const row = toEnterpriseRow(r, r.flags);
      const reasons = row.scale === 'above' ? exitReasons(row, r.statusNote) : [];
      if (reasons.length === 0) skipped.push({ enterpriseId: id, name: r.name, zh: '不在退库名单中', en: 'not on the exit list' });
      else candidates.push({ ...base, exit: { reasons: reasons.map((x) => x.code), note: reasons.map((x) => x.detailZh).filter((x) => x !== '').join('；').slice(0, 500) } });
    }
  } else if (input.kind === 'sample') {
    // The 一套表 units: 规上 enterprises in operation, sorted by USCC; the same seed over the same
    // list draws the same units on any machine (shared/inspection/draw.ts).
    const filter = { scale: 'above' as const, statuses: ['active' as const], ...(input.divisionPrefix ? { divisionPrefix: input.divisionPrefix } : {}) };
    const pool = rowsWithFlags(db, indexFor(db).matching(filter)).map((r) => ({ key: r.uscc || r.id, item: r }));
    if (pool.length === 0) throw userError('RULE_VIOLATION', '没有可抽取的规上企业。', 'No above-size enterprise to sample.');
    const picks = runDraw({ seed: input.seed, pool, count: input.count, inspectors: [], inspectorsPerEnterprise: 1 });
    source = { list: 'sample', drawId: null, seed: input.seed, poolHash: poolHash(pool.map((p) => p.key)), poolSize: pool.length };
    candidates = picks.map((p) => ({ enterpriseId: p.item.id, uscc: p.item.uscc, name: p.item.name, divisionCode: p.item.divisionCode }));
  } else {
    const draw = createDrawService(db).get(input.drawId);
    source = { list: 'draw', drawId: draw.id, seed: draw.seed, poolHash: draw.poolHash, poolSize: draw.poolSize };
    candidates = draw.items.map((i) => ({ enterpriseId: i.enterpriseId, uscc: i.uscc, name: i.name, divisionCode: i.divisionCode }));
  }

  const open = new Set(tasksOf(db, candidates.map((c) => c.enterpriseId), input.kind).filter(isOpen).map((r) => r.enterpriseId));
  const fresh = candidates.filter((c) => {
    if (!open.has(c.enterpriseId)) return true;
    skipped.push({ enterpriseId: c.enterpriseId, name: c.name, zh: '已有同类未完成的核查任务', en: 'already has an open task of this kind' });
    return false;
  });
  if (fresh.length === 0) {
    throw new AppError('RULE_VIOLATION', 'no task to create', skipped.map((s) => ({ path: s.enterpriseId, message: s.zh })), {
      zh: `没有建立任务：${skipped.map((s) => `${s.name}（${s.zh}）`).join('；')}`.slice(0, 600),
      en: `No task created: ${skipped.map((s) => `${s.name} (${s.en})`).join('; ')}`.slice(0, 600),
    });
  }

  const batchId = newId();
  const taskIds: string[] = [];
  db.transaction((tx) => {
    for (const c of fresh) {
      const id = newId();
      taskIds.push(id);
      const create: TaskCreateValue = {
        areaCode: c.divisionCode,
        kind: input.kind,
        enterpriseId: c.enterpriseId,
        uscc: c.uscc,
        name: c.name,
        batchId,
        batchTitle: input.title,
        source,
        period: input.period,
        createdAt: stamp,
        createdBy: a.userName,
      };
      let n = 0;
      const step = (kind: StepValue['kind'], detail: string, ref: string[] = []): [string, JsonValue] => [`step.${newId()}`, { kind, ref, detail, n: n++, at: stamp, by: a.userName } satisfies StepValue];
      const fields: [string, JsonValue][] = [
        ['$create', create],
        ['state', { state: 'pending', action: null, reason: '', at: stamp, by: a.userName }],
        step('create', input.title),
      ];
      if (input.assignee) {
        fields.push(['assignee', { ...input.assignee, at: stamp, by: a.userName }], step('assign', input.assignee.name));
      }
      if (c.exit) {
        fields.push(['exit', { state: 'proposed', action: null, reasons: c.exit.reasons, note: c.exit.note, date: null, at: stamp, by: a.userName }], step('propose', c.exit.note, c.exit.reasons));
      }
      recordOps(tx, fields.map(([field, value]) => ({ entity: 'verification' as const, entityId: id, areaCode: c.divisionCode, field, value })), at);
      writeTask(tx, id, new Map(fields), stamp);
    }
  });
  return { batchId, taskIds, skipped };
}
