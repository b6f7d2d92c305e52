import { displayGrowth } from './queries';
import type { FlagsRow, IndexRow } from './index-queries';
import { enterpriseStatuses, followUpStages, qualificationKinds, unitKinds, type EnterpriseRow, type FollowUpStage, type QualificationKind, type UnitKind } from '@shared/directory/directory';
import { FLAG, type IndexColumns } from './index-filters';
import { SearchText } from './index-text';

// The directory index's entries as columns (index-store.ts): one element per slot, typed
// arrays for what filters and sorts compare, plain arrays for the strings a list row shows.
// A slot is an enterprise's place in every column; freed slots are reused.

/** What the flag recomputation reads of an enterprise, and the derived columns it has now. */
export interface FlagSubject {
  id: string;
  industryCode: string;
  scale: string;
  status: string;
  unitKind: UnitKind;
  qualificationKind: QualificationKind;
  isLocallyRegistered: boolean | null;
  hasDevelopmentActivity: boolean;
  projectInvestment: number | null;
  isProjectUnderConstruction: boolean;
  isNearThreshold: boolean;
  isReached: boolean;
  reachedRule: string | null;
  measure: 'mainRevenue' | 'revenue' | null;
  isMeasureMissing: boolean;
  isGrowth: boolean;
  isBelowThreshold: boolean;
  flagsAsOf: string | null;
  ytdRevenue: number | null;
  lastYtdRevenue: number | null;
  ytdMonths: number;
  lastYtdMonths: number;
}
export type Derived = Pick<
  FlagSubject,
  'isNearThreshold' | 'isReached' | 'reachedRule' | 'measure' | 'isMeasureMissing' | 'isGrowth' | 'isBelowThreshold' | 'flagsAsOf' | 'ytdRevenue' | 'lastYtdRevenue' | 'ytdMonths' | 'lastYtdMonths'
>;

/** The admission attributes of a slot (few enterprises have any but the defaults). */
type Admission = Pick<FlagSubject, 'qualificationKind' | 'isLocallyRegistered' | 'hasDevelopmentActivity' | 'projectInvestment' | 'isProjectUnderConstruction'>;
const plainAdmission: Admission = { qualificationKind: 'none', isLocallyRegistered: null, hasDevelopmentActivity: false, projectInvestment: null, isProjectUnderConstruction: false };

/** One matching enterprise as the statistics read it (the same object, refilled per entry). */
export interface StatsEntry {
  id: string;
  /** Its slot: per-enterprise arrays aligned with the index (ledger summaries) are read by it. */
  slot: number;
  /** The division code as a number (NaN unless 12 digits) and as stored. */
  division: number;
  divisionCode: string;
  /** The 4-digit industry class as a number (-1 unless 4 digits) and as stored. */
  industry: number;
  industryCode: string;
  isAbove: boolean;
  isActive: boolean;
  isNearThreshold: boolean;
  isReached: boolean;
  isGrowth: boolean;
  stage: FollowUpStage | null;
}

export const noFlags: Derived = {
  isNearThreshold: false,
  isReached: false,
  reachedRule: null,
  measure: null,
  isMeasureMissing: false,
  isGrowth: false,
  isBelowThreshold: false,
  flagsAsOf: null,
  ytdRevenue: null,
  lastYtdRevenue: null,
  ytdMonths: 0,
  lastYtdMonths: 0,
};
const measureOf = (m: string | null): Derived['measure'] => (m === 'mainRevenue' || m === 'revenue' ? m : null);
export const derivedOf = (f: FlagsRow | undefined): Derived =>
  f
    ? {
        isNearThreshold: f[2] === 1,
        isGrowth: f[3] === 1,
        isBelowThreshold: f[4] === 1,
        flagsAsOf: f[5],
        ytdRevenue: f[6],
        lastYtdRevenue: f[7],
        ytdMonths: f[8],
        lastYtdMonths: f[9],
        isReached: f[10] === 1,
        reachedRule: f[11],
        measure: measureOf(f[12]),
        isMeasureMissing: f[13] === 1,
      }
    : noFlags;
const unitKindCode = (k: string): number => Math.max(0, unitKinds.indexOf(k as UnitKind));
const qualificationOf = (q: string): QualificationKind => qualificationKinds.find((k) => k === q) ?? 'none';

const stageCode = (s: string | null): number => (s === null ? 0 : followUpStages.indexOf(s as FollowUpStage) + 1 || 255);
const statusCode = (s: string): number => {
  const i = enterpriseStatuses.indexOf(s as (typeof enterpriseStatuses)[number]);
  return i < 0 ? 255 : i;
};
const ACTIVE = statusCode('active');
const numeric = (s: string, digits: number): number => (s.length === digits && /^\d+$/.test(s) ? Number(s) : Number.NaN);
const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
const stageOf = (code: number): FollowUpStage | null => (code >= 1 && code <= followUpStages.length ? (followUpStages[code - 1] ?? null) : null);

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2, 1024));
  next.set(a);
  return next;
}

export class DirectoryColumns implements IndexColumns {
  /** The slot of each live enterprise. */
  readonly slotOf = new Map<string, number>();
  ids: string[] = [];
  names: string[] = [];
  usccs: string[] = [];
  /** 组织机构代码 of the few enterprises that have one entered, by slot (most have none). */
  private orgCodes = new Map<number, string>();
  private addresses: string[] = [];
  updated: string[] = [];
  divisions: string[] = [];
  industries: string[] = [];
  private liaisonNames: string[] = [];
  texts: string[] = [];
  alive = new Uint8Array(0);
  division = new Float64Array(0);
  industry = new Int32Array(0);
  scale = new Uint8Array(0);
  status = new Uint8Array(0);
  stage = new Uint8Array(0);
  flags = new Uint8Array(0);
  unitKind = new Uint8Array(0);
  /** Admission attributes by slot, only where they differ from the defaults. */
  private admission = new Map<number, Admission>();
  private reachedRules: (string | null)[] = [];
  private measures: Derived['measure'][] = [];
  liaison = new Int32Array(0);
  ytd = new Float64Array(0);
  private lastYtd = new Float64Array(0);
  private months = new Uint8Array(0);
  private lastMonths = new Uint8Array(0);
  private statuses: string[] = [];
  private asOf: (string | null)[] = [];
  liaisonIds = new Map<string, number>();
  /** Slots freed by deletions, taken again by new enterprises. */
  readonly free: number[] = [];
  readonly search = new SearchText();

  private liaisonId(name: string): number {
    let id = this.liaisonIds.get(name);
    if (id === undefined) this.liaisonIds.set(name, (id = this.liaisonIds.size));
    return id;
  }

  write(slot: number, r: IndexRow, d: Derived): void {
    const size = slot + 1;
    this.alive = grow(this.alive, size);
    this.division = grow(this.division, size);
    this.industry = grow(this.industry, size);
    this.scale = grow(this.scale, size);
    this.status = grow(this.status, size);
    this.stage = grow(this.stage, size);
    this.flags = grow(this.flags, size);
    this.unitKind = grow(this.unitKind, size);
    this.liaison = grow(this.liaison, size);
    this.ytd = grow(this.ytd, size);
    this.lastYtd = grow(this.lastYtd, size);
    this.months = grow(this.months, size);
    this.lastMonths = grow(this.lastMonths, size);
    const [, id, name, uscc, address, searchText, divisionCode, industryCode, scale, status, liaison, stage, isOnline, updatedAt, qualification, , orgCode, unitKind, isLocal, hasDevelopment, investment, isUnderConstruction] = r;
    const admission: Admission = {
      qualificationKind: qualificationOf(qualification),
      isLocallyRegistered: isLocal === null ? null : isLocal === 1,
      hasDevelopmentActivity: hasDevelopment === 1,
      projectInvestment: investment,
      isProjectUnderConstruction: isUnderConstruction === 1,
    };
    if (Object.entries(admission).every(([k, v]) => plainAdmission[k as keyof Admission] === v)) this.admission.delete(slot);
    else this.admission.set(slot, admission);
    this.unitKind[slot] = unitKindCode(unitKind);
    this.ids[slot] = id;
    if (orgCode === '') this.orgCodes.delete(slot);
    else this.orgCodes.set(slot, orgCode);
    this.names[slot] = name;
    this.usccs[slot] = uscc;
    this.addresses[slot] = address;
    this.texts[slot] = searchText;
    this.divisions[slot] = divisionCode;
    this.industries[slot] = industryCode;
    this.statuses[slot] = status;
    this.liaisonNames[slot] = liaison;
    this.updated[slot] = updatedAt;
    this.alive[slot] = 1;
    this.division[slot] = numeric(divisionCode, 12);
    const ind = numeric(industryCode, 4);
    this.industry[slot] = Number.isNaN(ind) ? -1 : ind;
    this.scale[slot] = scale === 'above' ? 1 : 0;
    this.status[slot] = statusCode(status);
    this.stage[slot] = stageCode(stage);
    this.flags[slot] = isOnline === 1 ? FLAG.ONLINE : 0;
    this.liaison[slot] = this.liaisonId(liaison);
    this.writeDerived(slot, d);
  }

  writeDerived(slot: number, d: Derived): void {
    const keep = (this.flags[slot] as number) & FLAG.ONLINE;
    this.flags[slot] =
      keep |
      (d.isNearThreshold ? FLAG.NEAR : 0) |
      (d.isGrowth ? FLAG.GROWTH : 0) |
      (d.isBelowThreshold ? FLAG.BELOW : 0) |
      (d.isReached ? FLAG.REACHED : 0) |
      (d.isMeasureMissing ? FLAG.MEASURE_MISSING : 0);
    this.reachedRules[slot] = d.reachedRule;
    this.measures[slot] = d.measure;
    this.ytd[slot] = d.ytdRevenue ?? Number.NaN;
    this.lastYtd[slot] = d.lastYtdRevenue ?? Number.NaN;
    this.months[slot] = d.ytdMonths;
    this.lastMonths[slot] = d.lastYtdMonths;
    this.asOf[slot] = d.flagsAsOf;
  }

  /** Every live slot, in slot order. */
  liveSlots(): Int32Array {
    const slots: number[] = [];
    for (let s = 0; s < this.ids.length; s += 1) if (this.alive[s] === 1) slots.push(s);
    return Int32Array.from(slots);
  }

  /** Whether any live slot's industry and stored measure pass `test`, without building subjects. */
  someMeasure(test: (industryCode: string, measure: Derived['measure']) => boolean): boolean {
    for (let s = 0; s < this.ids.length; s += 1) if (this.alive[s] === 1 && test(this.industries[s] as string, this.measures[s] ?? null)) return true;
    return false;
  }

  /** A live slot as the flag recomputation reads it. */
  flagSubjectOf(s: number): FlagSubject {
    const f = this.flags[s] as number;
    return {
      id: this.ids[s] as string,
      industryCode: this.industries[s] as string,
      scale: this.scale[s] === 1 ? 'above' : 'below',
      status: this.statuses[s] as string,
      unitKind: unitKinds[this.unitKind[s] as number] ?? 'legal',
      ...(this.admission.get(s) ?? plainAdmission),
      isNearThreshold: (f & FLAG.NEAR) !== 0,
      isReached: (f & FLAG.REACHED) !== 0,
      reachedRule: this.reachedRules[s] ?? null,
      measure: this.measures[s] ?? null,
      isMeasureMissing: (f & FLAG.MEASURE_MISSING) !== 0,
      isGrowth: (f & FLAG.GROWTH) !== 0,
      isBelowThreshold: (f & FLAG.BELOW) !== 0,
      flagsAsOf: this.asOf[s] ?? null,
      ytdRevenue: nullable(this.ytd[s] as number),
      lastYtdRevenue: nullable(this.lastYtd[s] as number),
      ytdMonths: this.months[s] as number,
      lastYtdMonths: this.lastMonths[s] as number,
    };
  }

  /** The list row of a slot, as toEnterpriseRow (electron/main/directory/queries.ts) makes it from the store. */
  rowOf(s: number): EnterpriseRow {
    const f = this.flags[s] as number;
    const ytd = nullable(this.ytd[s] as number);
    return {
      id: this.ids[s] as string,
      uscc: this.usccs[s] as string,
      orgCode: this.orgCodes.get(s) ?? '',
      name: this.names[s] as string,
      address: this.addresses[s] as string,
      divisionCode: this.divisions[s] as string,
      industryCode: this.industries[s] as string,
      scale: this.scale[s] === 1 ? 'above' : 'below',
      isOnlineReporter: (f & FLAG.ONLINE) !== 0,
      unitKind: unitKinds[this.unitKind[s] as number] ?? 'legal',
      liaison: this.liaisonNames[s] as string,
      status: this.status[s] === 255 ? 'active' : (enterpriseStatuses[this.status[s] as number] ?? 'active'),
      stage: stageOf(this.stage[s] as number),
      flags: {
        isNearThreshold: (f & FLAG.NEAR) !== 0,
        isGrowth: (f & FLAG.GROWTH) !== 0,
        isBelowThreshold: (f & FLAG.BELOW) !== 0,
        isReached: (f & FLAG.REACHED) !== 0,
        reachedRule: this.reachedRules[s] ?? null,
        measure: this.measures[s] ?? null,
        isMeasureMissing: (f & FLAG.MEASURE_MISSING) !== 0,
        asOf: this.asOf[s] ?? null,
        ytdRevenue: ytd,
        growth: displayGrowth(ytd, nullable(this.lastYtd[s] as number)),
      },
      updatedAt: this.updated[s] as string,
    };
  }

  /** Refills `e` with slot `s` (one object for a whole pass of the statistics). */
  fillStatsEntry(e: StatsEntry, s: number): void {
    const f = this.flags[s] as number;
    e.id = this.ids[s] as string;
    e.slot = s;
    e.division = this.division[s] as number;
    e.industry = this.industry[s] as number;
    e.divisionCode = this.divisions[s] as string;
    e.industryCode = this.industries[s] as string;
    e.isAbove = this.scale[s] === 1;
    e.isActive = this.status[s] === ACTIVE;
    e.isNearThreshold = (f & FLAG.NEAR) !== 0;
    e.isReached = (f & FLAG.REACHED) !== 0;
    e.isGrowth = (f & FLAG.GROWTH) !== 0;
    e.stage = stageOf(this.stage[s] as number);
  }
}
