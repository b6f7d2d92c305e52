import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import { getSettings } from '../session/settings-queries';
import { buildSearchText, getUnit, listUnits, unitHistory, type ItemChange } from './units-queries';
import { insertChange, insertUnit, updateUnitAtVersion, type NewChange, type UnitPatch } from './unit-writes';
import { checkAreaCode, normaliseIdentifier } from '@shared/census/identifiers';
import { normaliseForms } from '@shared/text/item-input';
import type { ParsedInput } from '@shared/ipc/contract';
import type { UnitChange, UnitDetail, UnitList } from '@shared/registration/registration';
import { AppError } from '@shared/result';
import type { UnitPreload } from '@shared/forms/preload';
import type { UnitEvaluation } from '@shared/rules/unit-findings';
import type { UnitStatus } from '@shared/registration/units';
import { cleanExplanations, diffForms, explanationNotes, joinReason } from './diff';
import { assertFormsFitSpecs, identityFromForms } from './forms';
import { withComputed } from '@shared/forms/computed';
import { fieldInitialForms } from '@shared/registration/initial-forms';
import { frameNotes, unitPreload } from './preload';
import { evaluateLoaded, findingColumns, loadUnit, toDetail, unitPackOf, type LoadedUnit } from './unit';
import { submitIssues, transition, type Transition } from './workflow';
import { recordUnitWrite } from './unit-ops';
import { assertNoUnseenDuplicate } from './duplicates';
import { refusedCreations } from '../sync/refused';
import { assertCommentsSettled, authorOf, recordReviewEvent, reviewFactsOf } from '../review/events';
import { currentSession, readTeam } from '../session/roles';
import { packsOf } from '../forms/packs';
import { keepValuesNotInPack, packMove } from './pack-move';
import { isFormEditable } from '@shared/registration/workflow';
import { outOfScopeReason, referenceDateFindings } from '@shared/registration/scope';

// Census registration in main: the unit list, the unit's forms, and every change to
// them. Each change is ONE synchronous transaction holding the unit row (version + 1) and its
// trace row (who, when, which device, what changed, why); the rule engine runs here, and its
// verdict (not the renderer's) decides the status and whether a submit is allowed.

export interface RegistrationOptions {
  now?: () => Date;
  newId?: () => string;
}

export interface Profile {
  userName: string;
  deviceName: string;
}

/** Who is making a change; without both names a change could not be attributed, so none is made. */
export function requireProfile(db: AppDatabase): Profile {
  const { userName, deviceName } = getSettings(db);
  if (userName === '' || deviceName === '') {
    throw new AppError('PROFILE_INCOMPLETE', '请先在设置中填写姓名和设备名称 / Set your name and device name first');
  }
  return { userName, deviceName };
}

interface Plan {
  status: UnitStatus;
  patch: UnitPatch;
  action: NewChange['action'];
  changes: ItemChange[];
  reason: string | null;
  /** The forms/explanations the unit has after the change (for the returned detail). */
  next: Pick<LoadedUnit, 'forms' | 'explanations'>;
  evaluation: UnitEvaluation;
  /**
   * A review event written with the change: a submission, or an edit that took the
   * unit out of approved / accepted (reopening its review, flagged for the bureau).
   */
  review?: { kind: 'submit' } | { kind: 'reopen'; from: 'approved' | 'accepted'; paths: string[] };
  /** The frame's offers, when the plan already worked them out (a change never alters the frame row). */
  preload?: UnitPreload;
}

export function createRegistrationService(db: AppDatabase, opts: RegistrationOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  const evaluate = (unit: Pick<LoadedUnit, 'kind' | 'lastYear' | 'formPack'>, forms: LoadedUnit['forms'], at: Date) =>
    evaluateLoaded(db, unit, forms, at);
  const packOf = (unit: Pick<LoadedUnit, 'formPack'>) => unitPackOf(db, unit);
  const hasProfile = () => {
    const { userName, deviceName } = getSettings(db);
    return userName !== '' && deviceName !== '';
  };

  /**
   * Opening a unit. One the enumerator may still edit moves to the pack in force first (its
   * renamed items carried over, pack-move.ts), as a change of its own in the trace; a handed-in
   * unit keeps its pack until it is reopened. Without a profile nothing can be attributed, so
   * the unit is shown under its own pack and moves on a later opening.
   */
  function get(id: string): UnitDetail {
    const record = getUnit(db, id);
    if (!record) throw new AppError('NOT_FOUND', `没有此单位 / No unit ${id}`);
    const unit = loadUnit(db, record);
    if (record.deletedAt === null && isFormEditable(unit.status) && packMove(unit, packsOf(db).current) && hasProfile()) {
      return change(id, record.version, (u, at) => {
        const move = packMove(u, packsOf(db).current);
        if (!move) return null;
        const moved = { ...u, forms: move.forms, formPack: move.to };
        return apply(u, { to: u.status }, at, 'pack', {
          patch: move.patch,
          changes: move.changes,
          reason: move.reason,
          next: { forms: move.forms, explanations: u.explanations },
          evaluation: evaluate(moved, move.forms, at),
        });
      });
    }
    return toDetail(db, unit, evaluate(unit, unit.forms, now()), unitPreload(db, unit), packOf(unit));
  }

  /**
   * The one write path for an existing unit: checks the profile and the version, lets `plan`
   * decide the change (or throw, or return null for "nothing to change"), and writes the unit
   * row and its trace row together.
   */
  function change(id: string, version: number, plan: (unit: LoadedUnit, at: Date) => Plan | null): UnitDetail {
    const profile = requireProfile(db);
    const at = now();
    const stamp = at.toISOString();
    return db.transaction((tx) => {
      const record = getUnit(tx, id);
      if (!record) throw new AppError('NOT_FOUND', `没有此单位 / No unit ${id}`);
      if (record.version !== version) {
        throw new AppError('CONFLICT', `单位已被修改，请刷新后重试 / Unit ${id} is at version ${record.version}, not ${version}`);
      }
      const unit = loadUnit(tx, record);
      const p = plan(unit, at);
      if (p === null) return toDetail(tx, unit, evaluate(unit, unit.forms, at), unitPreload(db, unit), packOf(unit));
      const patch: UnitPatch = { ...p.patch, status: p.status, ...findingColumns(p.evaluation) };
      if (!updateUnitAtVersion(tx, id, version, stamp, patch)) {
        throw new AppError('CONFLICT', `单位已被修改，请刷新后重试 / Unit ${id} changed while saving`);
      }
      recordUnitWrite(tx, id, record, at);
      insertChange(tx, { unitId: id, at: stamp, ...profile, action: p.action, changes: p.changes, reason: p.reason });
      if (p.review) recordReviewEvent(tx, record, { ...p.review, at: stamp, by: authorOf(currentSession(db)) }, at);
      const written: LoadedUnit = {
        ...unit,
        ...p.next,
        formPack: p.patch.formPack === undefined ? unit.formPack : p.patch.formPack,
        status: p.status,
        record: { ...record, ...patch, updatedAt: stamp, version: version + 1 },
      };
      return toDetail(tx, written, p.evaluation, p.preload ?? unitPreload(db, written), packOf(written));
    });
  }

  const statusChange = (from: UnitStatus, to: UnitStatus): ItemChange[] => (from === to ? [] : [{ path: 'status', from, to }]);

  function apply(unit: LoadedUnit, t: Transition, at: Date, action: NewChange['action'], extra: Partial<Plan> = {}): Plan {
    return {
      status: t.to,
      patch: extra.patch ?? {},
      action,
      changes: [...(extra.changes ?? []), ...statusChange(unit.status, t.to)],
      reason: extra.reason ?? null,
      next: extra.next ?? unit,
      evaluation: extra.evaluation ?? evaluate(unit, unit.forms, at),
      ...(extra.review ? { review: extra.review } : {}),
      ...(extra.preload ? { preload: extra.preload } : {}),
    };
  }

  return {
    list: (q: ParsedInput<'units:list'>): UnitList => {
      const list = listUnits(db, q);
      // A unit whose creation the server refused is marked (refused.ts): it lives only here.
      const refused = refusedCreations(db, 'unit', list.rows.map((r) => r.id));
      return refused.size === 0 ? list : { ...list, rows: list.rows.map((r) => ({ ...r, syncRefused: refused.get(r.id) ?? null })) };
    },
    get,

    history(id: string): UnitChange[] {
      const rows = unitHistory(db, id);
      if (rows.length === 0 && !getUnit(db, id)) throw new AppError('NOT_FOUND', `没有此单位 / No unit ${id}`);
      // Changes that came by sync are stamped with the author's server account id; the team
      // fetched at the last sync knows the person's name.
      const names = new Map(readTeam(db).users.map((u) => [u.id, u.name]));
      return names.size === 0 ? rows : rows.map((r) => ({ ...r, userName: names.get(r.userName) ?? r.userName }));
    },

    /** A unit added in the field (not in the listing frame). */
    create(input: ParsedInput<'units:create'>): UnitDetail {
      const profile = requireProfile(db);
      const area = checkAreaCode(input.areaCode);
      if (!area.ok) {
        throw new AppError('INVALID_INPUT', `普查小区代码结构不正确 / Malformed census sub-district code`, [
          { path: 'areaCode', message: area.reason },
        ]);
      }
      const at = now();
      const stamp = at.toISOString();
      const id = newId();
      const uscc = normaliseIdentifier(input.uscc ?? '');
      const duplicates = assertNoUnseenDuplicate(db, uscc, input.duplicateOf ?? []);
      const address = input.address ?? '';
      const forms = fieldInitialForms(input.kind, { areaCode: input.areaCode, name: input.name, uscc });
      const formPack = packsOf(db).current.ref;
      const evaluation = evaluate({ kind: input.kind, lastYear: null, formPack }, forms, at);
      db.transaction((tx) => {
        insertUnit(tx, {
          id,
          areaCode: input.areaCode,
          kind: input.kind,
          // Someone is registering it right now: it starts as a draft, not as untouched.
          status: 'draft',
          name: input.name,
          uscc,
          address,
          searchText: buildSearchText(input.name, uscc, address),
          data: JSON.stringify(forms),
          formPack,
          source: 'field',
          ...findingColumns(evaluation),
          createdAt: stamp,
          updatedAt: stamp,
        });
        recordUnitWrite(tx, id, null, at);
        insertChange(tx, {
          unitId: id,
          at: stamp,
          ...profile,
          action: 'create',
          changes: diffForms({}, forms),
          reason: joinReason(
            '现场新增 / Added in the field',
            address === '' ? null : `地址 / Address: ${address}`,
            duplicates.length === 0 ? null : `已核实与同一统一社会信用代码的单位不是同一单位 / Confirmed as another unit than those with the same USCC: ${duplicates.map((d) => `${d.name} (${d.areaCode}, ${d.id})`).join('; ')}`,
          ),
        });
      });
      return get(id);
    },

    save(raw: ParsedInput<'units:save'>): UnitDetail {
      const explanations = cleanExplanations(raw.explanations);
      return change(raw.id, raw.version, (unit, at) => {
        const { pack } = packOf(unit);
        // Full-width digits and letters, spaces inside codes: stored as the editor stores them.
        // Values the unit's pack has no item for (kept from an earlier version) are kept as they
        // are, whatever the editor sent: they are never dropped by a save.
        // Computed items are stored as carried (611's 从业人员 from 611-2 …), so exports, the
        // frame and sync hold them; a blank result keeps what the item held (shared/forms/computed.ts).
        const forms = withComputed(pack, unit.kind, keepValuesNotInPack(unit.forms, normaliseForms(pack, raw.forms), pack));
        assertFormsFitSpecs(pack, forms, unit.forms);
        const input = { ...raw, forms };
        const changes = diffForms(unit.forms, input.forms);
        const notes = explanationNotes(unit.explanations, explanations);
        // Taking, correcting or declining a listing-frame value is said in the trace; declining
        // changes no answer (blank stays blank) but is kept, so the offer does not come back.
        const preload = unitPreload(db, unit);
        const frame = frameNotes(unit.forms, input.forms, changes, preload);
        if (changes.length === 0 && notes.length === 0 && frame.length === 0) return null;
        const evaluation = evaluate(unit, input.forms, at);
        const t = transition(unit.status, { kind: 'save', evaluation, explanations });
        if (t.refused) throw new AppError('RULE_VIOLATION', t.refused, [{ path: 'status', message: t.refused }]);
        const identity = identityFromForms(unit.kind, input.forms, unit.record);
        const from = unit.status;
        const reopen: Plan['review'] =
          from === 'approved' || from === 'accepted'
            ? { kind: 'reopen', from, paths: [...changes.map((c) => c.path), ...(notes.length > 0 ? ['explanations'] : [])] }
            : undefined;
        return apply(unit, t, at, 'save', {
          ...(reopen ? { review: reopen } : {}),
          preload,
          patch: {
            ...identity,
            searchText: buildSearchText(identity.name, identity.uscc, identity.address),
            data: JSON.stringify(input.forms),
            explanations: JSON.stringify(explanations),
          },
          changes,
          reason: joinReason(input.reason, frame, notes, t.note),
          next: { forms: input.forms, explanations },
          evaluation,
        });
      });
    },

    submit(input: ParsedInput<'units:submit'>): UnitDetail {
      return change(input.id, input.version, (unit, at) => {
        const evaluation = evaluate(unit, unit.forms, at);
        const t = transition(unit.status, { kind: 'submit', evaluation, explanations: unit.explanations });
        if (t.refused) throw new AppError('RULE_VIOLATION', t.refused, submitIssues(evaluation, unit.explanations));
        // A returned unit goes back only once each comment is answered or its item changed.
        if (unit.status === 'returned') assertCommentsSettled(reviewFactsOf(db, { id: unit.record.id, status: unit.status, forms: unit.forms }));
        // The explanations the submission rests on go into the trace with it.
        const basis = evaluation.findings
          .filter((f) => f.severity === 'verify')
          .map((f) => `核实说明 / Explanation [${f.ruleId}@${f.path}]: ${unit.explanations[`${f.ruleId}@${f.path}`] ?? ''}`);
        return apply(unit, t, at, 'submit', { reason: joinReason(basis), evaluation, review: { kind: 'submit' } });
      });
    },

    markNotFound(input: ParsedInput<'units:markNotFound'>): UnitDetail {
      return change(input.id, input.version, (unit, at) => {
        const t = transition(unit.status, { kind: 'not_found' });
        if (t.refused) throw new AppError('RULE_VIOLATION', t.refused, [{ path: 'status', message: t.refused }]);
        // Only the status and the reason change: the answers stay exactly as they were.
        return apply(unit, t, at, 'not_found', {
          patch: { notFoundReason: input.reason },
          changes: [{ path: 'notFoundReason', from: unit.record.notFoundReason, to: input.reason }],
          reason: input.reason,
        });
      });
    },

    /**
     * 非普查对象: the unit's own answers place it after the census reference date (its
     * reference-date finding stands, shared/registration/scope.ts), so it is routed out of the
     * census with that ground and the enumerator's note. Answers stay as they are; reopening
     * brings it back.
     */
    markOutOfScope(input: ParsedInput<'units:markOutOfScope'>): UnitDetail {
      return change(input.id, input.version, (unit, at) => {
        const t = transition(unit.status, { kind: 'out_of_scope' });
        if (t.refused) throw new AppError('RULE_VIOLATION', t.refused, [{ path: 'status', message: t.refused }]);
        const { pack } = packOf(unit);
        const evaluation = evaluate(unit, unit.forms, at);
        const grounds = referenceDateFindings(pack, evaluation.findings);
        if (grounds.length === 0) {
          const message = '成立年月不晚于普查标准时点，不能标为非普查对象 / The unit was not founded after the reference date: it cannot be marked not in census scope';
          throw new AppError('RULE_VIOLATION', message, [{ path: 'status', message }]);
        }
        const reason = outOfScopeReason(pack, grounds, unit.forms, input.note);
        return apply(unit, t, at, 'out_of_scope', {
          patch: { outOfScopeReason: reason },
          changes: [{ path: 'outOfScopeReason', from: unit.record.outOfScopeReason, to: reason }],
          reason,
          evaluation,
        });
      });
    },

    reopen(input: ParsedInput<'units:reopen'>): UnitDetail {
      return change(input.id, input.version, (unit, at) => {
        const t = transition(unit.status, { kind: 'reopen' });
        if (t.refused) throw new AppError('RULE_VIOLATION', t.refused, [{ path: 'status', message: t.refused }]);
        // The set-aside reason goes; the trace keeps it (from → null).
        const cleared: ItemChange[] = [
          ...(unit.record.notFoundReason === null ? [] : [{ path: 'notFoundReason', from: unit.record.notFoundReason, to: null }]),
          ...(unit.record.outOfScopeReason === null ? [] : [{ path: 'outOfScopeReason', from: unit.record.outOfScopeReason, to: null }]),
        ];
        const patch: UnitPatch = { notFoundReason: null, outOfScopeReason: null };
        // Reopened for editing: it moves to the pack in force, as a draft opened would.
        const move = packMove(unit, packsOf(db).current);
        if (!move) return apply(unit, t, at, 'reopen', { patch, changes: cleared, reason: t.note ?? null });
        const moved = { ...unit, forms: move.forms, formPack: move.to };
        return apply(unit, t, at, 'reopen', {
          patch: { ...patch, ...move.patch },
          changes: [...cleared, ...move.changes],
          reason: joinReason(t.note ?? null, move.reason),
          next: { forms: move.forms, explanations: unit.explanations },
          evaluation: evaluate(moved, move.forms, at),
        });
      });
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
