import type { AppDatabase } from '@db/open';
import { readFlags, type EnterpriseRecord } from '../directory/queries';
import { insertEnterpriseChange, touchEnterprise } from '../directory/enterprise-writes';
import { getDirectorySettings } from '../followup/threshold-queries';
import { lastCellChanges, readAnnual, readSignoffs, readYear, writeAnnual, writeMonth, writeSignoff } from './queries';
import { figuresOf, liveEvidence } from '../evidence/queries';
import { industrySection } from '@shared/codes/industry';
import { indicatorSet, indicatorSetTable, legacyIndicators, professionOf } from '@shared/ledger/indicator-sets';
import { partsAboveWhole } from '@shared/ledger/part-of';
import { checkSignedEdit, isSigned, MIN_REASON_LENGTH, monthSignoffState, signoffField } from '@shared/ledger/signoff';
import { annualField, ledgerField } from '@shared/directory/sync-fields';
import { signoffText } from './signoff-text';
import type { ParsedInput } from '@shared/ipc/contract';
import { computeIndicator, gapMonths } from '@shared/ledger/arithmetic';
import { indicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import type { ComputedCell, LedgerYearView, MonthValues } from '@shared/ledger/wire';
import { AppError, userError } from '@shared/result';
import { requireEnterprise, type DirectoryOptions } from '../directory/service';
import { recomputeFlags } from '../followup/thresholds';
import { recordEnterpriseOps, type FieldOp } from '../directory/ops';
import { ledgerFindings } from './findings';
import { requireProfile } from '../registration/service';

// The monthly ledger 统计台账: a year at a time, with the computed columns, evidence
// coverage and consistency findings; cell edits as one transaction with trace, sync ops and
// recomputed flags. An edit names the value the user saw ('from'): a cell someone else changed
// meanwhile is a CONFLICT, never silently overwritten.

/** The 专业 indicator set the grid shows for an industry (shared/ledger/indicator-sets.ts). */
export function indicatorsFor(industryCode: string): IndicatorKey[] {
  return [...indicatorSet(professionOf(industryCode, industrySection)).indicators];
}

/** The set's indicators, then any other indicator holding a value in `months`: values kept under
 * an older set (or another industry) are shown after the set's own, never dropped. */
export function shownIndicators(industryCode: string, months: Iterable<MonthValues>): IndicatorKey[] {
  const set = indicatorSet(professionOf(industryCode, industrySection));
  const entered: IndicatorKey[] = [];
  for (const m of months) for (const [k, v] of Object.entries(m)) if (v !== null && v !== undefined) entered.push(k as IndicatorKey);
  return [...set.indicators, ...legacyIndicators(set, entered)];
}

const series = (months: readonly MonthValues[], key: IndicatorKey) => months.map((m) => m[key] ?? null);

export function buildYearView(db: AppDatabase, e: EnterpriseRecord, year: number): LedgerYearView {
  const months = readYear(db, e.id, year);
  const lastYearMonths = readYear(db, e.id, year - 1);
  const shown = shownIndicators(e.industryCode, [...months, ...lastYearMonths]);
  const computed: Partial<Record<IndicatorKey, ComputedCell[]>> = {};
  for (const key of shown) computed[key] = computeIndicator(indicatorDef(key), series(months, key), series(lastYearMonths, key));

  const evidenceCounts: Record<string, number> = {};
  for (const item of liveEvidence(db, e.id)) {
    // A file naming the same figure twice still backs it once.
    const cells = new Set(figuresOf(item).filter((f) => f.year === year).map((f) => `${f.month}.${f.indicator}`));
    for (const cell of cells) evidenceCounts[cell] = (evidenceCounts[cell] ?? 0) + 1;
  }
  let filled = 0;
  let backed = 0;
  months.forEach((m, i) => {
    for (const [key, v] of Object.entries(m)) {
      if (v === null || v === undefined) continue;
      filled += 1;
      if ((evidenceCounts[`${i + 1}.${key}`] ?? 0) > 0) backed += 1;
    }
  });
  const settings = getDirectorySettings(db);
  const annual = readAnnual(db, e.id, year);
  const set = indicatorSet(professionOf(e.industryCode, industrySection));
  const signatures = readSignoffs(db, e.id, year);
  const lastChanges = lastCellChanges(db, e.id, year);
  return {
    enterpriseId: e.id,
    year,
    months,
    lastYearMonths,
    computed,
    indicators: shown,
    evidenceCounts,
    coverage: { filled, backed },
    missingMonths: gapMonths(shown.map((k) => series(months, k))),
    findings: ledgerFindings(db, { uscc: e.uscc, year, months, annual, tolerancePct: settings.consistencyTolerancePct }),
    annual: annual ?? {},
    flags: (({ isReached, isMeasureMissing, measure, isNearThreshold, isGrowth }) => ({ isReached, isMeasureMissing, measure, isNearThreshold, isGrowth }))(readFlags(db, e.id)),
    set: { id: set.id, zh: set.zh, en: set.en, version: indicatorSetTable.version, source: indicatorSetTable.source },
    setSize: set.indicators.length,
    partsAboveWhole: partsAboveWhole(months, shown),
    signoffs: Array.from({ length: 12 }, (_, i) => {
      const s = signatures.get(i + 1);
      const lastChangeAt = lastChanges.get(i + 1) ?? null;
      return { statisticsHead: s?.statisticsHead ?? null, unitHead: s?.unitHead ?? null, state: monthSignoffState(s, lastChangeAt), lastChangeAt };
    }),
  };
}

/** The calendar date on this laptop (a signature is dated as the signer sees the day). */
function localDate(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

const isRealDate = (iso: string): boolean => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

function assertSign(key: IndicatorKey, value: number | null, path: string): void {
  if (value !== null && value < 0 && !indicatorDef(key).mayBeNegative) {
    throw new AppError('INVALID_INPUT', `${indicatorDef(key).zh}不能为负数 / ${indicatorDef(key).en} cannot be negative`, [{ path, message: 'NEGATIVE' }]);
  }
}

export function createLedgerService(db: AppDatabase, opts: DirectoryOptions = {}) {
  const now = opts.now ?? (() => new Date());

  return {
    getYear({ enterpriseId, year }: ParsedInput<'ledger:getYear'>): LedgerYearView {
      return buildYearView(db, requireEnterprise(db, enterpriseId), year);
    },

    saveCells(input: ParsedInput<'ledger:saveCells'>): LedgerYearView {
      const profile = requireProfile(db);
      const at = now();
      const stamp = at.toISOString();
      const seen = new Set<string>();
      input.cells.forEach((c, i) => {
        const key = `${c.month}.${c.indicator}`;
        if (seen.has(key)) throw new AppError('INVALID_INPUT', `同一单元格出现两次 / Cell ${key} given twice`, [{ path: `cells.${i}`, message: 'DUPLICATE' }]);
        seen.add(key);
        assertSign(c.indicator, c.to, `cells.${i}.to`);
      });
      db.transaction((tx) => {
        const e = requireEnterprise(tx, input.enterpriseId);
        const months = readYear(tx, e.id, input.year);
        const byMonth = new Map<number, MonthValues>();
        const changes: { path: string; from: unknown; to: unknown }[] = [];
        const ops: FieldOp[] = [];
        for (const c of input.cells) {
          const current = months[c.month - 1]?.[c.indicator] ?? null;
          const path = ledgerField(input.year, c.month, c.indicator);
          if (current !== c.from) {
            throw new AppError('CONFLICT', `台账已被修改（${path}），请刷新后重试 / Ledger cell ${path} changed meanwhile`, [{ path, message: String(current) }]);
          }
          if (current === c.to) continue;
          const month = byMonth.get(c.month) ?? {};
          month[c.indicator] = c.to;
          byMonth.set(c.month, month);
          changes.push({ path, from: current, to: c.to });
          ops.push({ field: path, value: c.to });
        }
        if (changes.length === 0) return;
        // A signed month changes only with a stated reason (shared/ledger/signoff.ts), and the
        // trace says who had signed it and when, as the signatures stood at the change.
        const signatures = readSignoffs(tx, e.id, input.year);
        const signed = checkSignedEdit(signatures, [...byMonth.keys()], input.reason);
        if (!signed.ok) {
          const months = signed.months.map((m) => `${m}月`).join('、');
          throw userError(
            'INVALID_INPUT',
            `${input.year}年${months}的台账已签字，修改须说明原因（至少 ${MIN_REASON_LENGTH} 个字），未保存`,
            `The ledger of ${signed.months.map((m) => `${input.year}-${String(m).padStart(2, '0')}`).join(', ')} is signed: state a reason for the change (at least ${MIN_REASON_LENGTH} characters). Nothing was saved.`,
            [{ path: 'reason', message: 'SIGNED_MONTH_NEEDS_REASON' }],
          );
        }
        const signedMonths = [...byMonth.keys()].filter((m) => isSigned(signatures.get(m))).sort((a, b) => a - b);
        const reason = input.reason?.trim() ? input.reason.trim() : null;
        for (const [month, values] of byMonth) writeMonth(tx, e.id, input.year, month, values, stamp);
        touchEnterprise(tx, e.id, stamp);
        insertEnterpriseChange(tx, {
          enterpriseId: e.id,
          at: stamp,
          ...profile,
          action: signedMonths.length > 0 ? 'ledgerSigned' : 'ledger',
          changes,
          reason: signedMonths.length > 0 ? `${reason ?? ''}${signoffText(input.year, signedMonths, signatures)}` : reason,
        });
        recordEnterpriseOps(tx, e.id, e.divisionCode, ops, at);
        recomputeFlags(tx, e.id);
      });
      return buildYearView(db, requireEnterprise(db, input.enterpriseId), input.year);
    },

    /**
     * Signs a month as its 统计负责人 or 单位负责人: the name as typed and the date beside it. A
     * month with no figure is not signed (there is nothing to vouch for); the date is neither
     * before the month began nor after today. Signing again replaces the signature; the trace
     * keeps the earlier one.
     */
    sign(input: ParsedInput<'ledger:sign'>): LedgerYearView {
      const profile = requireProfile(db);
      const at = now();
      const stamp = at.toISOString();
      const monthStart = `${input.year}-${String(input.month).padStart(2, '0')}-01`;
      const today = localDate(at);
      if (!isRealDate(input.date) || input.date < monthStart || input.date > today) {
        throw userError('INVALID_INPUT', `签字日期须在 ${monthStart} 至今天（${today}）之间，未签字`, `The date of a signature must be between ${monthStart} and today (${today}); not signed.`, [
          { path: 'date', message: 'OUT_OF_RANGE' },
        ]);
      }
      db.transaction((tx) => {
        const e = requireEnterprise(tx, input.enterpriseId);
        const values = readYear(tx, e.id, input.year)[input.month - 1] ?? {};
        if (!Object.values(values).some((v) => v !== null && v !== undefined)) {
          throw userError('INVALID_INPUT', `${input.year}年${input.month}月还没有数据，不能签字`, `${input.year}-${String(input.month).padStart(2, '0')} has no figures to sign.`, [{ path: 'month', message: 'EMPTY_MONTH' }]);
        }
        const before = readSignoffs(tx, e.id, input.year).get(input.month)?.[input.role] ?? null;
        const value = { name: input.name, date: input.date, at: stamp, by: profile.userName.slice(0, 40) };
        const field = signoffField(input.year, input.month, input.role);
        writeSignoff(tx, e.id, input.year, input.month, input.role, value);
        touchEnterprise(tx, e.id, stamp);
        insertEnterpriseChange(tx, { enterpriseId: e.id, at: stamp, ...profile, action: 'signoff', changes: [{ path: field, from: before, to: value }], reason: null });
        recordEnterpriseOps(tx, e.id, e.divisionCode, [{ field, value }], at);
      });
      return buildYearView(db, requireEnterprise(db, input.enterpriseId), input.year);
    },

    saveAnnual(input: ParsedInput<'ledger:saveAnnual'>): LedgerYearView {
      const profile = requireProfile(db);
      const at = now();
      const stamp = at.toISOString();
      for (const [key, v] of Object.entries(input.values) as [IndicatorKey, number | null][]) assertSign(key, v, `values.${key}`);
      db.transaction((tx) => {
        const e = requireEnterprise(tx, input.enterpriseId);
        const current = readAnnual(tx, e.id, input.year) ?? {};
        const changes: { path: string; from: unknown; to: unknown }[] = [];
        const ops: FieldOp[] = [];
        const patch: MonthValues = {};
        for (const [key, to] of Object.entries(input.values) as [IndicatorKey, number | null][]) {
          const from = current[key] ?? null;
          if (from === to) continue;
          const path = annualField(input.year, key);
          patch[key] = to;
          changes.push({ path, from, to });
          ops.push({ field: path, value: to });
        }
        if (changes.length === 0) return;
        writeAnnual(tx, e.id, input.year, patch, stamp);
        touchEnterprise(tx, e.id, stamp);
        insertEnterpriseChange(tx, { enterpriseId: e.id, at: stamp, ...profile, action: 'annual', changes, reason: input.reason ?? null });
        recordEnterpriseOps(tx, e.id, e.divisionCode, ops, at);
      });
      return buildYearView(db, requireEnterprise(db, input.enterpriseId), input.year);
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
