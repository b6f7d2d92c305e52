import type { CheckFn, Message } from './types';

// Messages the engine gives for reasons of its generic checks that a pack's rule does not word
// itself (Rule.byReason wins): reasons added after a pack was written — a multi-choice item's
// duplicate or too many codes, a computed item whose source is blank — still read as sentences,
// never as the rule's general message (“代码不在代码表中” for a duplicate would mislead).
export const engineMessages: Partial<Record<CheckFn, Readonly<Record<string, Message>>>> = {
  specFormat: {
    codes: { zh: '{label}的填写格式不正确（应为以逗号分隔的代码，如“1,3”），现为“{value}”', en: '{label} must be codes separated by commas, such as 1,3, not “{value}”' },
  },
  specCodeList: {
    code: { zh: '{label}中的代码“{code}”不在代码表中，请重新选择', en: '{label}: code “{code}” is not in its code list' },
    duplicate: { zh: '{label}中的代码“{code}”选了两次，请只选一次', en: '{label}: code “{code}” is chosen twice' },
    maxChoices: { zh: '{label}最多选{max}项，现选了{n}项', en: '{label}: choose at most {max} (now {n})' },
  },
  specRequired: {
    computed: { zh: '{label}由{source}自动带入，请在{source}填写{sourceLabel}', en: '{label} is carried from {source}: fill in {sourceLabel} there' },
    computedNoSource: { zh: '{label}由{source}自动带入，本单位尚无这些表，请先确认应填报的表', en: '{label} is carried from {source}, which this unit does not fill yet; check which tables it reports' },
  },
};
