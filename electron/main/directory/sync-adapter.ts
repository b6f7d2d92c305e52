import { eq } from 'drizzle-orm';
import type { AppDatabase, Db } from '@db/open';
import { enterpriseSearchText, enterprisesByIds, getEnterprise } from './queries';
import { insertEnterpriseChange } from './enterprise-writes';
import { allAnnual, allMonths, deleteLedger, valuesOf, writeAnnual, writeMonth, writeSignoff } from '../ledger/queries';
import { SignatureValue, signoffFieldPattern, type SignoffRole } from '@shared/ledger/signoff';
import { holdsKeptRecords } from '../ledger/keeping';
import {
  drawItems,
  enterpriseChanges,
  enterpriseFlags,
  enterprises,
  evidence,
  followUpMaterials,
  followUpNotes,
  followUps,
  followUpTransitions,
} from '@db/schema';
import {
  annualFieldPattern,
  enterpriseAttributes,
  EnterpriseCreateValue,
  evidenceFieldPattern,
  EvidenceRefValue,
  ledgerFieldPattern,
  materialFieldPattern,
  MaterialValue,
  noteFieldPattern,
  NoteValue,
  transitionFieldPattern,
  TransitionValue,
  type EnterpriseAttribute,
} from '@shared/directory/sync-fields';
import type { IndicatorKey } from '@shared/ledger/indicators';
import type { MonthValues } from '@shared/ledger/wire';
import type { JsonValue } from '@shared/sync/protocol';
import type { EntityAdapter, TracedChange } from '../sync/registry';
import { createdFields } from '@shared/sync/created-fields';
import { recomputeFlags } from '../followup/thresholds';
import { dropLiaison, rebuildLiaison } from '../liaison/sync-fields';

// The 'enterprise' sync entity made local (shared/directory/sync-fields.ts): from an enterprise's
// visible fields — the server's, with this device's pending ops on top — its row, ledger,
// annual figures, evidence references and follow-up are rewritten, and the flags recomputed.
// Rows already equal are left alone, so a pull that changes nothing writes nothing. Changes by
// other devices are traced (action 'sync', per author), as units are.


interface Parsed {
  create: { areaCode: string; uscc: string };
  attributes: Partial<Record<EnterpriseAttribute, JsonValue>>;
  /** Attributes only older laptops write (sync-fields.ts legacyEnterpriseAttributes). */
  legacy: { hasQualification?: boolean };
  deleted: boolean;
  /** Cells by 'year-month'; a cell cleared by its field is null, one without a field is absent. */
  months: Map<string, MonthValues>;
  annual: Map<number, MonthValues>;
  signoffs: { year: number; month: number; role: SignoffRole; value: SignatureValue }[];
  evidence: Map<string, EvidenceRefValue>;
  notes: Map<string, NoteValue>;
  transitions: Map<string, TransitionValue>;
  materials: Map<string, MaterialValue>;
  stage: string | null;
  rejectionReason: string | null;
  round: string | null;
}

/** The visible fields with a '$create's initial fields under them (later values win). */
function expandCreated(visible: ReadonlyMap<string, JsonValue>): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>(Object.entries(createdFields(visible.get('$create'))));
  for (const [field, value] of visible) out.set(field, value);
  return out;
}

function parse(visible: ReadonlyMap<string, JsonValue>): Parsed | null {
  const create = EnterpriseCreateValue.safeParse(visible.get('$create'));
  if (!create.success) return null;
  const fields = expandCreated(visible);
  const p: Parsed = {
    create: create.data,
    attributes: {},
    legacy: {},
    deleted: false,
    months: new Map(),
    annual: new Map(),
    signoffs: [],
    evidence: new Map(),
    notes: new Map(),
    transitions: new Map(),
    materials: new Map(),
    stage: null,
    rejectionReason: null,
    round: null,
  };
  for (const [field, value] of fields) {
    if (Object.hasOwn(enterpriseAttributes, field)) {
      if (value !== null && enterpriseAttributes[field as EnterpriseAttribute].safeParse(value).success) p.attributes[field as EnterpriseAttribute] = value;
      continue;
    }
    if (field === 'hasQualification') {
      if (typeof value === 'boolean') p.legacy.hasQualification = value;
      continue;
    }
    if (field === '$delete') p.deleted = value !== null;
    else if (field === 'followup.stage') p.stage = typeof value === 'string' ? value : null;
    else if (field === 'followup.rejectionReason') p.rejectionReason = typeof value === 'string' ? value : null;
    else if (field === 'followup.round') p.round = typeof value === 'string' ? value : null;
    let m = ledgerFieldPattern.exec(field);
    if (m && (typeof value === 'number' || value === null)) {
      const key = `${m[1]}-${Number(m[2])}`;
      const month = p.months.get(key) ?? {};
      month[m[3] as IndicatorKey] = value;
      p.months.set(key, month);
      continue;
    }
    m = annualFieldPattern.exec(field);
    if (m && (typeof value === 'number' || value === null)) {
      const year = Number(m[1]);
      const values = p.annual.get(year) ?? {};
      values[m[2] as IndicatorKey] = value;
      p.annual.set(year, values);
      continue;
    }
    m = signoffFieldPattern.exec(field);
    if (m) {
      const sig = SignatureValue.safeParse(value);
      if (sig.success) p.signoffs.push({ year: Number(m[1]), month: Number(m[2]), role: m[3] as SignoffRole, value: sig.data });
      continue;
    }
    const keyed = <T>(pattern: RegExp, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, target: Map<string, T>) => {
      const hit = pattern.exec(field);
      if (!hit?.[1]) return false;
      const parsed = schema.safeParse(value);
      if (parsed.success) target.set(hit[1], parsed.data);
      return true;
    };
    if (keyed(evidenceFieldPattern, EvidenceRefValue, p.evidence)) continue;
    if (keyed(noteFieldPattern, NoteValue, p.notes)) continue;
    if (keyed(transitionFieldPattern, TransitionValue, p.transitions)) continue;
    keyed(materialFieldPattern, MaterialValue, p.materials);
  }
  return p;
}

const text = (v: JsonValue | undefined, fallback: string): string => (typeof v === 'string' ? v : fallback);
const bool = (v: JsonValue | undefined): boolean => v === true;

function identityColumns(p: Parsed) {
  const a = p.attributes;
  const legacy = p.legacy;
  const name = text(a.name, '');
  const uscc = text(a.uscc, p.create.uscc);
  const orgCode = text(a.orgCode, '');
  const address = text(a.address, '');
  return {
    uscc,
    orgCode,
    name,
    address,
    divisionCode: text(a.divisionCode, p.create.areaCode),
    industryCode: text(a.industryCode, ''),
    registrationCategory: text(a.registrationCategory, ''),
    institutionType: text(a.institutionType, ''),
    scale: text(a.scale, 'below'),
    isOnlineReporter: bool(a.isOnlineReporter),
    liaison: text(a.liaison, ''),
    legalRepresentative: text(a.legalRepresentative, ''),
    phone: text(a.phone, ''),
    unitKind: text(a.unitKind, 'legal'),
    parentUscc: text(a.parentUscc, ''),
    // A legacy `hasQualification: true` (older laptops, ops from before the kinds) states that a
    // qualification exists but not which: 'unconfirmed', never a kind nobody stated (migration
    // 0032 does the same to stored rows). For 7010 it was the statement of development activity.
    qualificationKind: text(a.qualificationKind, legacy.hasQualification === true && text(a.industryCode, '') !== '7010' ? 'unconfirmed' : 'none'),
    isLocallyRegistered: typeof a.isLocallyRegistered === 'boolean' ? a.isLocallyRegistered : null,
    hasDevelopmentActivity:
      typeof a.hasDevelopmentActivity === 'boolean' ? a.hasDevelopmentActivity : legacy.hasQualification === true && text(a.industryCode, '') === '7010',
    foundedOn: text(a.foundedOn, ''),
    isNewBuild: bool(a.isNewBuild),
    projectInvestment: typeof a.projectInvestment === 'number' ? a.projectInvestment : null,
    isProjectUnderConstruction: bool(a.isProjectUnderConstruction),
    hasQualification: legacy.hasQualification === true,
    status: text(a.status, 'active'),
    statusNote: text(a.statusNote, ''),
    searchText: enterpriseSearchText(name, uscc, orgCode, address),
    stage: p.stage,
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function writeIdentity(db: Db, id: string, p: Parsed, at: string): void {
  const cols = identityColumns(p);
  const existing = getEnterprise(db, id);
  const deletedAt = p.deleted ? (existing?.deletedAt ?? at) : null;
  if (!existing) {
    db.insert(enterprises).values({ id, ...cols, deletedAt, createdAt: at, updatedAt: at }).run();
    return;
  }
  const current = Object.fromEntries(Object.keys(cols).map((k) => [k, existing[k as keyof typeof existing]]));
  if (sameJson(current, cols) && (existing.deletedAt === null) === (deletedAt === null)) return;
  db.update(enterprises)
    .set({ ...cols, deletedAt, version: existing.version + 1, updatedAt: at })
    .where(eq(enterprises.id, id))
    .run();
}

/**
 * Cell by cell: a cell its field sets is written, one its field clears (null) is cleared, and a
 * cell no field names is left as it is. Never the whole ledger deleted and rewritten: a row this
 * laptop holds that no op carries (kept before sync, or not yet pushed) must not be lost
 * (shared/ledger/keeping.ts). Returns whether a monthly cell changed.
 */
function writeLedger(db: Db, id: string, p: Parsed, at: string): boolean {
  const current = new Map(allMonths(db, id).map((r) => [`${r.year}-${r.month}`, valuesOf(r)]));
  const currentAnnual = new Map(allAnnual(db, id).map((r) => [r.year, valuesOf(r)]));
  const differs = (stored: MonthValues | undefined, values: MonthValues): boolean =>
    (Object.entries(values) as [IndicatorKey, number | null][]).some(([k, v]) => (stored?.[k] ?? null) !== v);
  let isMonthChanged = false;
  for (const [key, values] of p.months) {
    if (!differs(current.get(key), values)) continue;
    const [year, month] = key.split('-').map(Number);
    if (year === undefined || month === undefined) continue;
    writeMonth(db, id, year, month, values, at);
    isMonthChanged = true;
  }
  for (const [year, values] of p.annual) if (differs(currentAnnual.get(year), values)) writeAnnual(db, id, year, values, at);
  return isMonthChanged;
}

function writeSignoffs(db: Db, id: string, p: Parsed): void {
  for (const s of p.signoffs) writeSignoff(db, id, s.year, s.month, s.role, s.value);
}

// Evidence rows missing from the fields are left alone: removal travels as a tombstone value,
// never as a missing field.
function writeEvidence(db: Db, id: string, p: Parsed): void {
  for (const [evidenceId, ref] of p.evidence) {
    const row = {
      id: evidenceId,
      enterpriseId: id,
      sha256: ref.sha256,
      fileName: ref.fileName,
      mimeType: ref.mimeType,
      size: ref.size,
      kind: ref.kind,
      note: ref.note,
      figures: JSON.stringify(ref.figures),
      createdAt: ref.createdAt,
      createdBy: ref.createdBy,
      removedAt: ref.removedAt,
      removedReason: ref.removedReason,
    };
    const { id: _id, ...set } = row;
    db.insert(evidence).values(row).onConflictDoUpdate({ target: evidence.id, set }).run();
  }
}

function writeFollowUp(db: Db, id: string, p: Parsed, at: string): void {
  if (p.stage !== null) {
    const set = { stage: p.stage, rejectionReason: p.rejectionReason, applicationRound: p.round, updatedAt: at };
    const existing = db.select().from(followUps).where(eq(followUps.enterpriseId, id)).get();
    if (!existing) db.insert(followUps).values({ enterpriseId: id, ...set }).run();
    else if (existing.stage !== set.stage || existing.rejectionReason !== set.rejectionReason || existing.applicationRound !== set.applicationRound) {
      db.update(followUps).set({ ...set, version: existing.version + 1 }).where(eq(followUps.enterpriseId, id)).run();
    }
  }
  for (const [tid, t] of p.transitions) {
    db.insert(followUpTransitions)
      .values({ id: tid, enterpriseId: id, fromStage: t.from, toStage: t.to, date: t.date, at: t.at, by: t.by, reason: t.reason })
      .onConflictDoNothing()
      .run();
  }
  for (const [nid, n] of p.notes) db.insert(followUpNotes).values({ id: nid, enterpriseId: id, ...n }).onConflictDoNothing().run();
  for (const [key, m] of p.materials) {
    const row = { enterpriseId: id, key, isProvided: m.isProvided, evidenceIds: JSON.stringify(m.evidenceIds), note: m.note, updatedAt: m.updatedAt };
    db.insert(followUpMaterials)
      .values(row)
      .onConflictDoUpdate({ target: [followUpMaterials.enterpriseId, followUpMaterials.key], set: { isProvided: row.isProvided, evidenceIds: row.evidenceIds, note: row.note, updatedAt: row.updatedAt } })
      .run();
  }
}

/** A traced '$create' reads as its initial fields, each set from nothing, as separate ops did. */
function expandTraced(traced: readonly TracedChange[]): TracedChange[] {
  return traced.flatMap((t) =>
    t.path === '$create' ? Object.entries(createdFields(t.to)).map(([path, to]) => ({ ...t, path, from: null, to })) : [t],
  );
}

function writeTrace(db: Db, id: string, changes: readonly TracedChange[]): void {
  const traced = expandTraced(changes);
  const byAuthor = new Map<string, TracedChange[]>();
  for (const t of traced) byAuthor.set(`${t.user}\u0000${t.device}`, [...(byAuthor.get(`${t.user}\u0000${t.device}`) ?? []), t]);
  for (const rows of byAuthor.values()) {
    const last = rows.at(-1);
    if (!last) continue;
    insertEnterpriseChange(db, {
      enterpriseId: id,
      at: last.at,
      userName: last.user,
      deviceName: last.device,
      action: 'sync',
      changes: rows.map((r) => ({ path: r.path, from: r.from, to: r.to })),
      reason: null,
    });
  }
}

/** `now`: the clock the keeping time is read against (tests set it). */
export function createEnterpriseAdapter(db: AppDatabase, opts: { now?: () => Date } = {}): EntityAdapter {
  const clock = opts.now ?? (() => new Date());
  return {
    rebuild(entityId, fields, { at }) {
      const p = parse(fields);
      if (!p) return false;
      writeIdentity(db, entityId, p, at);
      writeLedger(db, entityId, p, at);
      writeSignoffs(db, entityId, p);
      writeEvidence(db, entityId, p);
      writeFollowUp(db, entityId, p, at);
      rebuildLiaison(db, entityId, fields);
      recomputeFlags(db, entityId);
      return true;
    },
    trace(entityId, traced) {
      if (getEnterprise(db, entityId)) writeTrace(db, entityId, traced);
    },
    scopeField: 'divisionCode',
    names: (ids) => new Map([...enterprisesByIds(db, ids)].map(([id, r]) => [id, r.name])),
    drop(entityId) {
      // An enterprise with inspection records (draws) is hidden rather than deleted, so its
      // history here keeps its subject; so is one whose ledger, sign-offs or original records are
      // still in their keeping time (two years after their period, shared/ledger/keeping.ts):
      // they stay on this laptop, hidden, until then.
      const isInspected = db.select({ id: drawItems.drawId }).from(drawItems).where(eq(drawItems.enterpriseId, entityId)).get() !== undefined;
      const now = clock().toISOString();
      if (isInspected || holdsKeptRecords(db, entityId, now.slice(0, 10))) {
        db.update(enterprises).set({ deletedAt: now }).where(eq(enterprises.id, entityId)).run();
        return;
      }
      deleteLedger(db, entityId);
      dropLiaison(db, entityId);
      for (const table of [evidence, followUpNotes, followUpTransitions, followUpMaterials, followUps, enterpriseFlags, enterpriseChanges]) {
        db.delete(table).where(eq(table.enterpriseId, entityId)).run();
      }
      db.delete(enterprises).where(eq(enterprises.id, entityId)).run();
    },
  };
}
