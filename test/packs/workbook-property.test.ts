import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealPack } from '@shared/node/pack-hash';
import { loadWorkbook, workbookBytes, workbookToPack } from '@shared/node/pack-workbook';
import type { FormPack, FormPackBody } from '@shared/packs/types';
import { packToWorkbook } from '@shared/packs/workbook/write';

// Values a statistician types that Excel likes to change: codes that look like numbers ('01',
// '2023.10', '1e3'), text starting with '=', line breaks, surrounding spaces in labels, any
// double as a range. They all come back as they were written.

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
// Free text keeps its surrounding spaces and line breaks.
const label = fc.oneof(text, text.map((s) => ` ${s}\n`));
const code = fc.oneof(fc.constantFrom('01', '001', '2023.10', '1e3', '0x1F', '-0', '=SUM(A1)', 'TRUE', '10'), fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z.-]{0,8}$/));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));

function tinyPack(v: { labels: string[]; codes: string[]; min: number; span: number; text: string; revenueChange: number }): FormPack {
  const [a = 'a', b = 'b', c = 'c'] = v.labels;
  const codes = [...new Set(v.codes)];
  const body: FormPackBody = {
    schema: 1,
    id: 'tiny',
    version: '2024.1',
    date: '2024-01-31',
    titleZh: a,
    titleEn: b,
    source: c,
    notesZh: `${a}\n${b}`,
    settings: { revenueChange: v.revenueChange, employeesChange: 0.3, label: v.text, zeroCode: '0100' },
    forms: [
      {
        id: '611',
        version: '1',
        titleZh: a,
        titleEn: b,
        source: c,
        sections: [
          {
            id: 'main',
            titleZh: b,
            titleEn: c,
            items: [
              { code: 'kind', labelZh: a, labelEn: b, type: 'code', codeList: 'kinds', required: true, helpZh: `  ${c}  ` },
              { code: 'size', labelZh: c, labelEn: a, type: 'decimal', min: v.min, max: v.min + v.span, unitZh: v.text },
              { code: 'place', labelZh: b, labelEn: c, type: 'code', options: codes.map((k) => ({ code: k, zh: a, en: b })), relevant: { item: 'kind', op: 'in', value: codes } },
            ],
          },
        ],
      },
      { id: 'individual', version: '1', titleZh: c, titleEn: a, source: b, sections: [{ id: 'main', titleZh: a, titleEn: b, items: [{ code: 'name', labelZh: b, labelEn: c, type: 'text' }] }] },
    ],
    unitForms: {
      legal: [{ form: '611' }, { form: 'individual', when: { item: 'kind', op: 'in', value: codes } }],
      establishment: [{ form: '611' }],
      individual: [{ form: 'individual' }],
    },
    codeLists: [{ id: 'kinds', nameZh: a, nameEn: b, version: '2024.1', source: c, year: 2024, entries: codes.map((k) => ({ code: k, zh: a, en: c, initials: '' })) }],
    rules: [
      { id: 'R1', formId: '611', severity: 'verify', items: ['size'], check: { fn: 'atLeast', params: { min: v.min } }, messageZh: a, messageEn: b, version: '1', source: c },
    ],
    plausibility: { version: '1', source: c, tables: { unit: { A: { min: v.min, max: v.min + v.span } }, individual: {} } },
  };
  return sealPack(body);
}

describe('values Excel likes to change', () => {
  it('come back from the workbook bytes as they were written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          labels: fc.array(label, { minLength: 3, maxLength: 3 }),
          codes: fc.array(code, { minLength: 1, maxLength: 4 }),
          min: finite.filter((n) => Math.abs(n) < 1e300),
          span: fc.double({ min: 0, max: 1e6, noNaN: true }),
          text: fc.oneof(code, label),
          revenueChange: fc.double({ min: 0, max: 10, noNaN: true }),
        }),
        async (v) => {
          const pack = tinyPack(v);
          const back = workbookToPack(await loadWorkbook(await workbookBytes(packToWorkbook(pack)), 'tiny.xlsx'));
          expect(back.problems).toEqual([]);
          expect(back.pack).toEqual(pack);
        },
      ),
      { numRuns: 40 },
    );
  });
});
