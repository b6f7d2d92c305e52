import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '@shared/forms/conditions';
import { printValue } from '@shared/forms/print';
import type { FormValues, Item } from '@shared/forms/types';
import { checkPack } from '@shared/packs/check';
import { diffPacks } from '@shared/packs/diff';
import { loadPack } from '@shared/packs/load';
import { evaluate } from '@shared/rules';
import { formatValue } from '@shared/rules/format';
import { computeDoc, computePack as pack } from './compute-pack';

// Multi-choice items (type 'codes', maxChoices): stored as codes joined by ',' in list order.

const ctx = { today: '2024-03-15' };
const item = (code: string): Item => {
  const found = pack.form('611')?.sections[0]?.items.find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
};
const on611 = (values: FormValues) => evaluate(pack, '611', { ...values }, ctx).filter((f) => f.item === 'hmt' || f.item === 'retail');

describe('multi-choice items', () => {
  it('accept several codes of the list, and a single code as before', () => {
    expect(on611({ hmt: '1,3', retail: '2' })).toEqual([]);
    expect(on611({ hmt: '1' })).toEqual([]);
  });

  it('find a code not in the list, a code chosen twice, too many codes and a malformed list', () => {
    expect(on611({ hmt: '1,9' }).map((f) => f.messageZh)).toEqual(['港澳台商投资中的代码“9”不在代码表中，请重新选择']);
    expect(on611({ hmt: '1,1' }).map((f) => [f.messageZh, f.messageEn])).toEqual([['港澳台商投资中的代码“1”选了两次，请只选一次', 'hmt: code “1” is chosen twice']]);
    expect(on611({ retail: '1,2,3' }).map((f) => [f.messageZh, f.messageEn])).toEqual([['零售业态最多选2项，现选了3项', 'retail: choose at most 2 (now 3)']]);
    expect(on611({ hmt: '1,,3' }).map((f) => f.ruleId)).toEqual(['GEN-FORMAT']);
  });

  it('read as a list in CEL: `in` and size()', () => {
    const doc = computeDoc();
    doc.rules = [
      ...doc.rules,
      {
        id: 'T-HMT', formId: '611', severity: 'hint', items: ['hmt'], version: '1', source: 'test',
        check: { fn: 'expr', params: { expr: "!('3' in hmt) || hmt.size() == 1" } },
        messageZh: '台商与其他并选', messageEn: 'Taiwan with others',
      },
    ];
    const p = loadPack(doc);
    const hits = (hmt: string) => evaluate(p, '611', { hmt }, ctx).filter((f) => f.ruleId === 'T-HMT').length;
    expect([hits('3'), hits('1,3'), hits('1,2')]).toEqual([0, 1, 0]);
  });

  it('has / lacks conditions test membership', () => {
    const get = (v: string) => () => v;
    expect(evaluateCondition({ item: 'hmt', op: 'has', value: ['3'] }, get('1,3'))).toBe(true);
    expect(evaluateCondition({ item: 'hmt', op: 'has', value: ['2'] }, get('1,3'))).toBe(false);
    expect(evaluateCondition({ item: 'hmt', op: 'lacks', value: ['2'] }, get('1,3'))).toBe(true);
    expect(evaluateCondition({ item: 'hmt', op: 'lacks', value: ['2'] }, get(''))).toBe(true);
    // `eq` keeps meaning the whole answer.
    expect(evaluateCondition({ item: 'hmt', op: 'eq', value: '1' }, get('1,3'))).toBe(false);
  });

  it('format and print as names joined by 、 / “, ”', () => {
    const hmt = item('hmt');
    expect(formatValue(hmt, '1,3', 'zh', pack.findCode)).toBe('1（港商）、3（台商）');
    expect(formatValue(hmt, '1,3', 'en', pack.findCode)).toBe('1 (Hong Kong), 3 (Taiwan)');
    expect(printValue(hmt, '1,3', 'zh', pack.findCode)).toBe('1 港商、3 台商');
    expect(printValue(hmt, '1,3', 'en', pack.findCode)).toBe('1 Hong Kong, 3 Taiwan');
  });

  it('a pack refuses maxChoices on a single-choice item and a codes item without a list', () => {
    const problems = checkPack(
      computeDoc((items) => items.map((i) => (i.code === 'accounting' ? { ...i, maxChoices: 2 } : i.code === 'hmt' ? { ...i, options: undefined } : i))),
    );
    expect(problems.map((p) => p.place)).toEqual([
      { kind: 'item', formId: '611', itemCode: 'accounting', field: 'maxChoices' },
      { kind: 'item', formId: '611', itemCode: 'hmt', field: 'codeList' },
    ]);
  });

  it('the pack diff names a single choice becoming a multiple choice, and a new maximum', () => {
    const before = computeDoc((items) => items.map((i) => (i.code === 'hmt' ? { ...i, type: 'code' as const } : i)));
    const after = computeDoc((items) => items.map((i) => (i.code === 'retail' ? { ...i, maxChoices: 3 } : i)));
    const lines = diffPacks(before, after).map((c) => c.zh);
    expect(lines).toContain('611表：项目“港澳台商投资”的类型由单选代码改为多选代码');
    expect(lines).toContain('611表：项目“零售业态”的最多可选项数有变化');
  });
});
