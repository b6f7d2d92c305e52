import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCaseAction, caseActions, caseRefusalText, caseStates, caseTransitions, decisionRefusal, penaltyKinds, type CaseAction, type CaseRefusal, type CaseState, type DecisionInput } from '@shared/enforcement/case-machine';

// Every allowed and every refused move of a 统计执法 case: the table is the whole machine.

const warn: DecisionInput = { penalties: ['warning'], fineYuan: null, documentNo: '中统罚〔2024〕1号' };
const fine: DecisionInput = { penalties: ['warning', 'fine'], fineYuan: 20_000, documentNo: '中统罚〔2024〕2号' };
const at = { on: '2024-05-02', lastOn: '2024-05-01' };

describe('the case machine', () => {
  // [from, action, expected]: all 5 × 4 pairs.
  const expected: Record<CaseState, Record<CaseAction, CaseState | CaseRefusal>> = {
    filed: { investigate: 'investigating', notify: 'SKIPS_STEP', decide: 'SKIPS_STEP', close: 'NO_DECISION' },
    investigating: { investigate: 'ALREADY_DONE', notify: 'notified', decide: 'SKIPS_STEP', close: 'NO_DECISION' },
    notified: { investigate: 'ALREADY_DONE', notify: 'ALREADY_DONE', decide: 'decided', close: 'NO_DECISION' },
    decided: { investigate: 'ALREADY_DONE', notify: 'ALREADY_DONE', decide: 'ALREADY_DONE', close: 'closed' },
    closed: { investigate: 'CASE_CLOSED', notify: 'CASE_CLOSED', decide: 'CASE_CLOSED', close: 'CASE_CLOSED' },
  };
  for (const from of caseStates) {
    for (const action of caseActions) {
      const want = expected[from][action];
      it(`${from} + ${action} → ${want}`, () => {
        const r = applyCaseAction(from, action, { ...at, decision: warn });
        expect(r).toEqual((caseStates as readonly string[]).includes(want) ? { ok: true, to: want } : { ok: false, reason: want });
      });
    }
  }

  it('refuses a decision without a penalty, a fine without an amount, an amount without a fine', () => {
    expect(applyCaseAction('notified', 'decide', { ...at, decision: null })).toEqual({ ok: false, reason: 'NO_PENALTY' });
    expect(applyCaseAction('notified', 'decide', { ...at, decision: { ...warn, penalties: [] } })).toEqual({ ok: false, reason: 'NO_PENALTY' });
    expect(applyCaseAction('notified', 'decide', { ...at, decision: { ...fine, fineYuan: null } })).toEqual({ ok: false, reason: 'FINE_WITHOUT_AMOUNT' });
    expect(applyCaseAction('notified', 'decide', { ...at, decision: { ...fine, fineYuan: 0 } })).toEqual({ ok: false, reason: 'FINE_WITHOUT_AMOUNT' });
    expect(applyCaseAction('notified', 'decide', { ...at, decision: { ...fine, fineYuan: 12.5 } })).toEqual({ ok: false, reason: 'FINE_WITHOUT_AMOUNT' });
    expect(applyCaseAction('notified', 'decide', { ...at, decision: { ...warn, fineYuan: 500 } })).toEqual({ ok: false, reason: 'AMOUNT_WITHOUT_FINE' });
    expect(applyCaseAction('notified', 'decide', { ...at, decision: fine })).toEqual({ ok: true, to: 'decided' });
    expect(applyCaseAction('notified', 'decide', { ...at, decision: { penalties: ['warning', 'fine', 'public_notice'], fineYuan: 1, documentNo: 'x' } })).toEqual({ ok: true, to: 'decided' });
  });

  it('refuses a step dated before the one it follows (the same day is fine)', () => {
    expect(applyCaseAction('filed', 'investigate', { on: '2024-04-30', lastOn: '2024-05-01' })).toEqual({ ok: false, reason: 'DATE_BEFORE_PREVIOUS' });
    expect(applyCaseAction('filed', 'investigate', { on: '2024-05-01', lastOn: '2024-05-01' })).toEqual({ ok: true, to: 'investigating' });
  });

  it('is the table: each listed transition is allowed, and nothing else ever moves a case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...caseStates), fc.constantFrom(...caseActions), fc.subarray([...penaltyKinds]), fc.option(fc.integer({ min: -5, max: 100_000 })), (from, action, penalties, amount) => {
        const decision = { penalties, fineYuan: amount, documentNo: 'x' };
        const r = applyCaseAction(from, action, { ...at, decision });
        const row = caseTransitions.find((t) => t.from === from && t.action === action);
        if (!row) return !r.ok;
        if (row.requires.includes('decision')) return r.ok === (decisionRefusal(decision) === null);
        return r.ok && r.to === row.to;
      }),
    );
  });

  it('has a Chinese and an English message for every refusal', () => {
    for (const t of Object.values(caseRefusalText)) {
      expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t.en.length).toBeGreaterThan(10);
    }
  });
});
