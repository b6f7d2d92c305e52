import {
  checkAreaCode,
  checkDivisionCode,
  checkOrgCode,
  checkUscc,
  institutionTypeFromUscc,
  usccPartsProblem,
  normaliseIdentifier,
  usccOrgCode,
} from '../census/identifiers';
import { isInCensusScope, isIndustryClass } from '../codes/industry';
import { textOf } from '../forms/values';
import { FAIL, type CheckEnv, type CheckRegistry, type Failure } from './check-env';

// Identifier checks: 统一社会信用代码, 组织机构代码, 区划代码, 普查小区代码, 行业代码. The
// identifier functions (shared/census/identifiers.ts) say what is wrong; these decide which rule
// reports it, so a bad length (强制性) and a bad check character (核实性) are separate rules.

const FORMAT_REASONS = new Set(['LENGTH', 'CHARSET', 'STRUCTURE', 'REGISTRAR', 'FILLER']);
const INDUSTRY_FORMAT = /^\d{4}$/;

function formatOnly(result: ReturnType<typeof checkUscc>): Failure | null {
  return !result.ok && FORMAT_REASONS.has(result.reason) ? { reason: result.reason } : null;
}
function checksumOnly(result: ReturnType<typeof checkUscc>): Failure | null {
  return !result.ok && result.reason === 'CHECKSUM' ? FAIL : null;
}

/** The deployment county (first 6 digits), or undefined when not configured. */
function county(env: CheckEnv): string | undefined {
  const c = env.ctx.deploymentCounty?.trim();
  return c && /^\d{6}/.test(c) ? c.slice(0, 6) : undefined;
}

function outsideCounty(env: CheckEnv, code: string): Failure | null {
  const mine = county(env);
  if (!mine || !/^\d{12}/.test(code) || code.startsWith(mine)) return null;
  return { vars: { county: mine, theirs: code.slice(0, 6) } };
}

export const idChecks: CheckRegistry<
  | 'usccFormat'
  | 'usccChecksum'
  | 'usccParts'
  | 'orgCodeFormat'
  | 'orgCodeChecksum'
  | 'usccMatchesOrgCode'
  | 'usccMatchesInstitutionType'
  | 'usccIsIndividual'
  | 'divisionStructure'
  | 'divisionExists'
  | 'divisionInCounty'
  | 'areaCodeStructure'
  | 'areaCodeInCounty'
  | 'areaCodeMatchesDivision'
  | 'industryClass'
  | 'industryInScope'
> = {
  usccFormat: { run: (env) => formatOnly(checkUscc(textOf(env.value))) },
  usccChecksum: { run: (env) => checksumOnly(checkUscc(textOf(env.value))) },
  usccParts: {
    run: (env) => {
      const code = textOf(env.value);
      const format = checkUscc(code);
      // A malformed code is the format rule's: one finding, not two.
      if (!format.ok && format.reason !== 'CHECKSUM') return null;
      const reason = usccPartsProblem(code);
      return reason ? { reason } : null;
    },
  },
  orgCodeFormat: { run: (env) => formatOnly(checkOrgCode(textOf(env.value))) },
  // A 本部 code (the 法人's first 8 characters + B, shared/census/identifiers.ts isBranchOrgCode)
  // is no character error: it is the checksum rule's 核实性 finding, reason BRANCH.
  orgCodeChecksum: {
    run: (env) => {
      const result = checkOrgCode(textOf(env.value));
      return !result.ok && result.reason === 'BRANCH' ? { reason: 'BRANCH' } : checksumOnly(result);
    },
  },
  usccMatchesOrgCode: {
    run: (env, c) => {
      const embedded = usccOrgCode(textOf(env.value));
      const org = normaliseIdentifier(textOf(env.get(c.params.orgCode)));
      if (!embedded || org.length !== 9) return null;
      return embedded === org ? null : { vars: { embedded } };
    },
  },
  usccMatchesInstitutionType: {
    run: (env, c) => {
      const hint = institutionTypeFromUscc(textOf(env.value));
      const actual = textOf(env.get(c.params.institutionType));
      if (!hint || !actual || hint === actual) return null;
      if (hint === 'individual') return { reason: 'individual' };
      const entry = env.form.pack.findCode('institutionType', hint);
      const expected = entry ? { zh: `${hint}（${entry.zh}）`, en: `${hint} (${entry.en})` } : hint;
      return { vars: { expected, prefix: normaliseIdentifier(textOf(env.value)).slice(0, 2) } };
    },
  },
  usccIsIndividual: {
    run: (env) => {
      const hint = institutionTypeFromUscc(textOf(env.value));
      return hint === null || hint === 'individual' ? null : { vars: { prefix: normaliseIdentifier(textOf(env.value)).slice(0, 2) } };
    },
  },
  divisionStructure: {
    run: (env) => {
      const result = checkDivisionCode(textOf(env.value), { villageLevel: true });
      return result.ok || result.reason === 'EMPTY' ? null : { reason: result.reason };
    },
  },
  divisionExists: {
    run: (env) => {
      const code = textOf(env.value);
      if (!checkDivisionCode(code, { villageLevel: true }).ok) return null;
      // undefined = the division store is not loaded here: say nothing rather than guess.
      return env.ctx.divisionExists?.(code) === false ? FAIL : null;
    },
  },
  divisionInCounty: { run: (env) => outsideCounty(env, textOf(env.value)) },
  areaCodeStructure: {
    run: (env) => {
      const result = checkAreaCode(textOf(env.value));
      return result.ok || result.reason === 'EMPTY' ? null : { reason: result.reason };
    },
  },
  areaCodeInCounty: { run: (env) => outsideCounty(env, textOf(env.value)) },
  areaCodeMatchesDivision: {
    run: (env, c) => {
      const area = textOf(env.value);
      const division = textOf(env.get(c.params.division));
      if (!checkAreaCode(area).ok || !/^\d{12}$/.test(division)) return null;
      return area.startsWith(division) ? null : { vars: { district: area.slice(0, 12) } };
    },
  },
  industryClass: {
    run: (env) => {
      const code = textOf(env.value);
      if (!INDUSTRY_FORMAT.test(code)) return { reason: 'format' };
      return isIndustryClass(code) ? null : { reason: 'unknown' };
    },
  },
  industryInScope: {
    run: (env) => {
      const code = textOf(env.value);
      return isIndustryClass(code) && !isInCensusScope(code) ? FAIL : null;
    },
  },
};
