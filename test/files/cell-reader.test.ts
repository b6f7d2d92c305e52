import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCodedCell, type CodedColumn } from '@shared/codes/cell-reader';
import { directoryCodedColumns, frameCodedColumns } from '@shared/codes/import-columns';

// The coded cells of both imports as Excel and people write them: the code, the code with its
// name, the name alone, full-width digits, a number that lost its leading zero. Every choice of
// every coded column is read back from each form; what cannot be read is refused with what
// the column expects.

const columns: [string, CodedColumn][] = [
  ...Object.entries(frameCodedColumns()).map(([k, c]): [string, CodedColumn] => [`frame.${k}`, c]),
  ...Object.entries(directoryCodedColumns()).map(([k, c]): [string, CodedColumn] => [`directory.${k}`, c]),
];

const fullWidth = (s: string) => s.replace(/[0-9()]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('readCodedCell', () => {
  it.each(columns)('%s reads every choice as code, "code name", "code-name", "name(code)" and name', (_name, column) => {
    for (const choice of column.choices) {
      const forms = [choice.zh, ` ${choice.zh} `, ...(choice.aliases ?? [])];
      if (choice.code !== null) forms.push(choice.code, `${choice.code} ${choice.zh}`, `${choice.code}-${choice.zh}`, `${choice.code}${choice.zh}`, `${choice.zh}(${choice.code})`, `${choice.zh}（${choice.code}）`, fullWidth(`${choice.code} ${choice.zh}`));
      for (const text of forms) expect(readCodedCell(column, text), `${text}`).toEqual({ ok: true, value: choice.value });
    }
  });

  it('reads what the 名录 of a real bureau held: "112 私营有限责任公司", the label alone, 企业', () => {
    const { registrationCategory, institutionType } = directoryCodedColumns();
    expect(readCodedCell(registrationCategory, '112 私营有限责任公司')).toEqual({ ok: true, value: '112' });
    expect(readCodedCell(registrationCategory, '私营有限责任公司')).toEqual({ ok: true, value: '112' });
    expect(readCodedCell(institutionType, '企业')).toEqual({ ok: true, value: '10' });
    expect(readCodedCell(directoryCodedColumns().status, '停业（歇业）')).toEqual({ ok: true, value: 'suspended' });
  });

  it('restores a leading zero a numeric cell dropped, and says so', () => {
    const read = readCodedCell(directoryCodedColumns().industryCode, '610');
    expect(read).toMatchObject({ ok: true, value: '0610', note: { zh: expect.stringContaining('读作 0610') } });
  });

  it('refuses a code whose name does not match, naming the code’s name', () => {
    const read = readCodedCell(directoryCodedColumns().registrationCategory, '112 国有独资公司');
    expect(read).toMatchObject({ ok: false, reason: { zh: expect.stringContaining('代码 112 是“私营有限责任公司”') } });
  });

  it('says what is expected: every choice of a short list, examples and the template of a long one', () => {
    const short = readCodedCell(directoryCodedColumns().institutionType, '公司');
    expect(short).toMatchObject({ ok: false });
    if (!short.ok) expect(short.reason.zh).toBe('机构类型“公司”无法识别；应为：10 企业、20 事业单位、30 机关、40 社会团体、51 民办非企业单位、52 基金会、53 居委会、54 村委会、55 农民专业合作社、56 农村集体经济组织、90 其他');
    const long = readCodedCell(directoryCodedColumns().registrationCategory, '有限公司');
    if (!long.ok) expect(long.reason.zh).toContain('完整代码见导入模板的“代码表”工作表');
    expect(long.ok).toBe(false);
  });

  it('never throws, and reads only values of the column', () => {
    for (const [, column] of columns) {
      const values = new Set(column.choices.map((c) => c.value));
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.constantFrom(...column.choices.map((c) => `${c.code ?? ''}${c.zh}`))), (text) => {
          const read = readCodedCell(column, text);
          if (read.ok) expect(values.has(read.value)).toBe(true);
          else expect(read.reason.zh.length).toBeGreaterThan(0);
        }),
        { numRuns: 200 },
      );
    }
  });
});
