import { useEffect, useMemo } from 'react';
import { unitFormIds } from '@shared/forms/unit-forms';
import type { Finding } from '@shared/rules';
import { canSubmit, type SubmitCheck } from '@shared/rules';
import { evaluateUnit } from '@shared/rules/unit-findings';
import { buildRuleContext, useRuleContextStore } from '../form/rule-context';
import { useUnitSession } from './session-store';
import { usePack } from '../../forms/packs-store';

export interface LiveFindings {
  formIds: string[];
  findings: Finding[];
  submit: SubmitCheck;
  /** false until rules:context has answered and the unit's pack is loaded; findings are then not yet shown. */
  isReady: boolean;
}

/**
 * The unit's findings, recomputed by the shared engine on every change (the whole unit takes
 * a few milliseconds), exactly as main computes them on save and submit.
 */
export function useLiveFindings(): LiveFindings {
  const detail = useUnitSession((s) => s.detail);
  const forms = useUnitSession((s) => s.forms);
  const explanations = useUnitSession((s) => s.explanations);
  const region = useRuleContextStore((s) => s.region);
  const pack = usePack(detail?.formPack);
  const loadContext = useRuleContextStore((s) => s.load);

  useEffect(() => {
    void loadContext();
  }, [loadContext]);

  const evaluation = useMemo(() => {
    if (!detail || !pack) return null;
    if (!region) return { formIds: unitFormIds(pack, detail.kind, forms), findings: [] as Finding[] };
    return evaluateUnit(pack, detail.kind, forms, buildRuleContext(region, detail));
  }, [detail, forms, region, pack]);

  return useMemo(() => {
    const findings = evaluation?.findings ?? [];
    return {
      formIds: evaluation?.formIds ?? [],
      findings,
      submit: canSubmit(findings, explanations),
      isReady: region !== null && pack !== null,
    };
  }, [evaluation, explanations, region, pack]);
}
