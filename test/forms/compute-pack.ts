import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormSpec, Item } from '@shared/forms/types';
import { loadPack, type LoadedPack } from '@shared/packs/load';
import type { FormPackBody, ScaleBands } from '@shared/packs/types';
import { pack as builtin } from './pack';

// A small pack for the computed-item and multi-choice features: 611 (primary) carries 从业人员
// from 611-2, 营业收入 from 611-3 or 611-4 (by 执行会计标准类别), and 单位规模 by unitScale(…);
// 611-3 / 611-4 are filled by condition like the real forms. The built-in pack's generic
// rules (GEN-*) give the messages, so findings read as they will in the app.

/** The size-band table shipped for the integrator to paste into the built-in pack. */
export const scale2017: ScaleBands = JSON.parse(readFileSync(join(__dirname, '../../shared/packs/data/scale-2017.json'), 'utf8')) as ScaleBands;

const item = (code: string, type: Item['type'], extra: Partial<Item> = {}): Item => ({ code, labelZh: `${code}中文`, labelEn: code, type, ...extra });
const form = (id: string, items: Item[]): FormSpec => ({ id, version: '1', titleZh: `${id}表`, titleEn: `Form ${id}`, source: 'test', sections: [{ id: 's', titleZh: '项目', titleEn: 'Items', items }] });

export const SCALE_OPTIONS = [
  { code: '1', zh: '大型', en: 'Large' },
  { code: '2', zh: '中型', en: 'Medium' },
  { code: '3', zh: '小型', en: 'Small' },
  { code: '4', zh: '微型', en: 'Micro' },
];

/** The test pack document; `edit` changes the 611 items before it is built. */
export function computeDoc(edit: (items: Item[]) => Item[] = (i) => i, extra: Partial<FormPackBody> = {}): FormPackBody {
  const items611: Item[] = [
    item('name', 'text'),
    item('industryCode', 'industryCode'),
    item('accounting', 'code', { options: [{ code: '1', zh: '企业会计准则', en: 'Enterprise' }, { code: '2', zh: '小企业会计准则', en: 'Small enterprise' }] }),
    item('employees', 'integer', { labelZh: '从业人员期末人数', required: true, compute: ['f611_2.employees'] }),
    item('revenue', 'money', { labelZh: '营业收入', compute: ['f611_3.revenue', 'f611_4.revenue'] }),
    item('assets', 'money', { labelZh: '资产总计', compute: ['f611_3.assets', 'f611_4.assets'] }),
    item('scale', 'code', {
      labelZh: '单位规模',
      options: SCALE_OPTIONS,
      compute: ['unitScale(industryCode, employees, revenue, assets)'],
      computeAllowBlank: ['employees', 'revenue', 'assets'],
    }),
    item('hmt', 'codes', { labelZh: '港澳台商投资', options: [{ code: '1', zh: '港商', en: 'Hong Kong' }, { code: '2', zh: '澳商', en: 'Macao' }, { code: '3', zh: '台商', en: 'Taiwan' }] }),
    item('retail', 'codes', { labelZh: '零售业态', maxChoices: 2, options: [{ code: '1', zh: '便利店', en: 'Convenience store' }, { code: '2', zh: '超市', en: 'Supermarket' }, { code: '3', zh: '百货店', en: 'Department store' }] }),
  ];
  return {
    schema: 1,
    id: 'compute-test',
    version: '1',
    date: '2024-01-01',
    titleZh: '计算项目测试',
    titleEn: 'Computed items test',
    source: 'test',
    settings: { revenueChange: 0.5, employeesChange: 0.5 },
    forms: [
      form('611', edit(items611)),
      form('individual', [item('name', 'text')]),
      form('611-2', [item('employees', 'integer', { labelZh: '从业人员期末人数' })]),
      form('611-3', [item('revenue', 'money', { labelZh: '营业收入' }), item('assets', 'money', { labelZh: '资产总计' })]),
      form('611-4', [item('revenue', 'money', { labelZh: '营业收入' }), item('assets', 'money', { labelZh: '资产总计' })]),
    ],
    unitForms: {
      legal: [
        { form: '611' },
        { form: '611-2' },
        { form: '611-3', when: { item: 'accounting', op: 'eq', value: '1' } },
        { form: '611-4', when: { item: 'accounting', op: 'eq', value: '2' } },
      ],
      establishment: [{ form: '611' }],
      individual: [{ form: 'individual' }],
    },
    codeLists: [],
    rules: builtin.body.rules.filter((r) => r.formId === '*'),
    plausibility: { version: '1', source: 'test', tables: { unit: {}, individual: {} } },
    scaleBands: scale2017,
    ...extra,
  };
}

export const computePack: LoadedPack = loadPack(computeDoc());
