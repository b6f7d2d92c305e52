import { parseArgs } from 'node:util';
import { localDay } from '@shared/rules/local-day';
import { unitFormIds } from '@shared/forms/unit-forms';
import { severityZh, type Finding } from '@shared/rules';
import { evaluateForms } from '@shared/rules/unit-findings';
import { readFile } from 'node:fs/promises';
import { hashMatches } from '@shared/node/pack-hash';
import { builtinRegistry } from '@shared/packs/builtin';
import { checkPack } from '@shared/packs/check';
import { loadPack } from '@shared/packs/load';
import type { PackRegistry } from '@shared/packs/registry';
import type { FormPack } from '@shared/packs/types';
import { InputError, readCheckInput, type CheckUnit } from './check-input';
import { renderTable } from './text-table';

// `census check <file>`: runs every edit rule over the units in a file and prints the findings.
// Exit 0 when no 强制性 finding, 1 when there is one, 2 when the input cannot be read.

export const checkUsage = `用法 / Usage: census check <file.csv|file.xlsx|file.json> [--pack pack.json]… [--json] [--lang zh|en] [--county 640502] [--today YYYY-MM-DD]

  检查文件中每个单位的审核规则 / Runs all edit rules over the units in a file.
  CSV/XLSX: one unit per row; columns named by item code or the Chinese label of a 611 or
            个体经营户 item, plus optional id and kind (法人 / 产业活动单位 / 个体户) columns.
  JSON:     [{ "id": "...", "kind": "legal", "forms": { "611": { ... }, "611-2": { ... } } }]
  Only the forms a file carries are checked (a CSV row is its unit's 611 or individual form).
  --pack    a form pack (JSON, as published) to check with; repeat for several versions. A JSON
            unit naming its pack ("formPack": "wjp5-2023@2023.2") is checked with that one; every
            other unit with the last --pack given, or the built-in pack without one.
  --json    one JSON array of { unitId, form, item, path, ruleId, severity, message } on stdout
  Exit: 0 no 强制性 finding · 1 强制性 findings · 2 unreadable input`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CheckFinding {
  unitId: string;
  form: string;
  item: string;
  path: string;
  ruleId: string;
  severity: Finding['severity'];
  message: string;
}

/** Findings of the forms each unit carries, with its other forms at hand for cross-form rules. */
export function checkUnits(units: readonly CheckUnit[], ctx: { today: string; county?: string }, lang: 'zh' | 'en'): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const unit of units) {
    const present = unitFormIds(unit.pack, unit.kind, unit.forms).filter((id) => unit.forms[id] !== undefined);
    const evaluation = evaluateForms(unit.pack, present, unit.forms, {
      today: ctx.today,
      ...(ctx.county ? { deploymentCounty: ctx.county } : {}),
      ...(unit.lastYear ? { lastYear: unit.lastYear } : {}),
    });
    for (const f of evaluation.findings) {
      out.push({ unitId: unit.id, form: f.formId, item: f.item, path: f.path, ruleId: f.ruleId, severity: f.severity, message: lang === 'zh' ? f.messageZh : f.messageEn });
    }
  }
  return out;
}

/** The built-in pack and the packs named by --pack (each checked: content and hash), the last in force. */
async function packsFrom(files: readonly string[]): Promise<PackRegistry> {
  const registry = builtinRegistry();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new InputError(`无法读取表式包 / Cannot read form pack ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const problems = checkPack(json);
    if (problems.length > 0) {
      throw new InputError(`表式包 ${file} 有 ${problems.length} 处错误 / Form pack ${file} has ${problems.length} problem(s):\n  ${problems.slice(0, 10).map((p) => p.message).join('\n  ')}`);
    }
    if (!hashMatches(json as FormPack)) throw new InputError(`表式包 ${file} 的校验值不符 / Form pack ${file}: hash does not match its content`);
    registry.add(loadPack(json), { current: true });
  }
  return registry;
}

export async function runCheck(args: string[], io: Io, now: Date = new Date()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'zh' },
        county: { type: 'string' },
        today: { type: 'string' },
        pack: { type: 'string', multiple: true, default: [] },
      },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n\n${checkUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  const lang = values.lang === 'en' ? 'en' : values.lang === 'zh' ? 'zh' : null;
  const problems = [
    !file || positionals.length > 1 ? '需要且只需要一个文件 / Give exactly one file' : null,
    lang ? null : `--lang 只能是 zh 或 en / --lang must be zh or en`,
    values.county && !/^\d{6}$/.test(values.county) ? '--county 应为6位县级区划代码 / --county must be a 6-digit county code' : null,
    values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today) ? '--today 应为 YYYY-MM-DD / --today must be YYYY-MM-DD' : null,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0 || !file || !lang) {
    io.err(`${problems.join('\n')}\n\n${checkUsage}`);
    return 2;
  }

  let input;
  try {
    input = await readCheckInput(file, await packsFrom(values.pack));
  } catch (e) {
    if (e instanceof InputError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
  const findings = checkUnits(input.units, { today: values.today ?? localDay(now), ...(values.county ? { county: values.county } : {}) }, lang);
  const mandatory = findings.filter((f) => f.severity === 'mandatory').length;

  if (values.json) {
    io.out(`${JSON.stringify(findings)}\n`);
  } else {
    if (input.ignored.length > 0) io.err(`未识别的列（已忽略）/ Columns naming no item (ignored): ${input.ignored.join(', ')}`);
    const severity = (s: Finding['severity']) => (lang === 'zh' ? severityZh[s] : s);
    if (findings.length > 0) {
      const head = lang === 'zh' ? ['单位', '表', '项目', '规则', '类别', '说明'] : ['unit', 'form', 'path', 'rule', 'severity', 'message'];
      io.out(`${renderTable([head, ...findings.map((f) => [f.unitId, f.form, f.path, f.ruleId, severity(f.severity), f.message])])}\n`);
    }
    const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
    io.out(
      lang === 'zh'
        ? `共检查 ${input.units.length} 个单位：强制性 ${mandatory}，核实性 ${count('verify')}，提示性 ${count('hint')}\n`
        : `${input.units.length} units checked: ${mandatory} mandatory, ${count('verify')} to verify, ${count('hint')} hints\n`,
    );
  }
  return mandatory > 0 ? 1 : 0;
}
