import type { Rule } from '../types';
import { rule } from './shared';

// Spec-driven rules for every form ('*'): they read the item's own spec (required, type, code
// list, min/max, maxLength, row counts), so a conditional requirement such as “经营形式 required
// for 51/52/61/62” lives once, in the spec, where the renderer also reads it for its asterisk.

const forEveryItem = { formId: '*', items: ['*'] as const, source: 'form spec (shared/forms/specs)' };

export const genericRules: Rule[] = [
  rule({
    ...forEveryItem,
    id: 'GEN-REQUIRED',
    severity: 'mandatory',
    check: { fn: 'specRequired' },
    messageZh: '请填写{label}{note}',
    messageEn: 'Please fill in {label}{note}',
  }),
  rule({
    ...forEveryItem,
    id: 'GEN-FORMAT',
    severity: 'mandatory',
    check: { fn: 'specFormat' },
    messageZh: '{label}的填写格式不正确（“{value}”）',
    messageEn: '{label} has the wrong format (“{value}”)',
    byReason: {
      integer: { zh: '{label}应填整数，现为“{value}”', en: '{label} must be a whole number, not “{value}”' },
      decimal: { zh: '{label}应填数字，现为“{value}”', en: '{label} must be a number, not “{value}”' },
      yearMonth: {
        zh: '{label}应填年月，如“2019-03”，现为“{value}”',
        en: '{label} must be a year and month such as 2019-03, not “{value}”',
      },
      date: { zh: '{label}应填有效日期，如“2024-03-05”，现为“{value}”', en: '{label} must be a valid date such as 2024-03-05' },
      boolean: { zh: '{label}请选择“是”或“否”', en: 'Choose yes or no for {label}' },
      text: { zh: '{label}的内容无法识别，请重新填写', en: '{label} could not be read; fill it in again' },
    },
  }),
  rule({
    ...forEveryItem,
    id: 'GEN-CODE',
    severity: 'mandatory',
    check: { fn: 'specCodeList' },
    messageZh: '{label}的代码“{value}”不在代码表中，请重新选择',
    messageEn: '{label} code “{value}” is not in its code list',
  }),
  rule({
    ...forEveryItem,
    id: 'GEN-RANGE',
    severity: 'mandatory',
    check: { fn: 'specRange' },
    messageZh: '{label}超出允许范围（{value}）',
    messageEn: '{label} is out of range ({value})',
    byReason: {
      min: { zh: '{label}不能小于{min}，现为{value}', en: '{label} cannot be less than {min} ({value})' },
      max: { zh: '{label}不能大于{max}，现为{value}', en: '{label} cannot exceed {max} ({value})' },
    },
  }),
  rule({
    ...forEveryItem,
    id: 'GEN-LENGTH',
    severity: 'mandatory',
    check: { fn: 'specLength' },
    messageZh: '{label}最多{max}个字，请精简',
    messageEn: '{label} may have at most {max} characters',
  }),
  rule({
    ...forEveryItem,
    id: 'GEN-ROWS',
    severity: 'mandatory',
    check: { fn: 'specRows' },
    messageZh: '{label}行数不符合要求',
    messageEn: '{label} has the wrong number of rows',
    byReason: {
      min: { zh: '请至少填写{min}个{row}（现有{n}个）', en: 'Add at least {min} {row} rows (now {n})' },
      max: { zh: '{row}最多{max}个（现有{n}个）', en: 'At most {max} {row} rows (now {n})' },
    },
  }),
];
