import { z } from 'zod';
import type { LoadedPack } from '../packs/load';
import { type Finding as FindingSchema, type FormsDoc, UnitId } from './registration';

type Finding = z.infer<typeof FindingSchema>;

// 普查对象 or not. A unit founded (an 个体户 opened) after the census reference date is not a
// 普查对象 (domain.md: reference time 2023-12-31): the pack says so with its reference-date
// rules, those whose check is notAfterMonth (R611-FOUNDED-AFTER-REFERENCE,
// RIND-OPENED-AFTER-REFERENCE; the month is the rule's parameter, so a pack edit moves it). Such
// a finding is not only something to verify: the unit can be routed out of the census, marked
// 非普查对象 with its reason, from beside the finding (main checks the finding still stands).

export const outOfScopeGrounds = ['founded_after_reference'] as const;

export const UnitOutOfScope = z
  .object({
    id: UnitId,
    version: z.number().int().positive(),
    ground: z.enum(outOfScopeGrounds).default('founded_after_reference'),
    /** Free text beside the ground (what was seen, who confirmed it). */
    note: z.string().trim().max(400).optional(),
  })
  .strict();
export type UnitOutOfScope = z.input<typeof UnitOutOfScope>;

/** The findings of the unit that place it after the reference date (main checks; the unit page offers the action beside them). */
export function referenceDateFindings(pack: LoadedPack, findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => pack.rulesFor(f.formId).some((r) => r.id === f.ruleId && r.check.fn === 'notAfterMonth'));
}

/**
 * The recorded reason, in both languages like the trace's reasons (it travels to laptops in
 * either language): the ground with the item and its value, then the note as written.
 */
export function outOfScopeReason(pack: LoadedPack, grounds: readonly Finding[], forms: FormsDoc, note: string | undefined): string {
  const facts = grounds.map((f) => {
    const item = pack.form(f.formId)?.sections.flatMap((s) => s.items).find((i) => i.code === f.item);
    const raw = forms[f.formId]?.[f.path];
    const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
    return { zh: `${item?.labelZh ?? f.item} ${value}`.trim(), en: `${item?.labelEn ?? f.item} ${value}`.trim() };
  });
  const ground = `成立于普查标准时点之后（${facts.map((f) => f.zh).join('；')}） / Founded after the reference date (${facts.map((f) => f.en).join('; ')})`;
  return note === undefined || note === '' ? ground : `${ground}：${note}`;
}
