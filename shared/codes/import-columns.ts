import { builtinPack } from '../packs/builtin';
import { codedColumn, codeListColumn, industryColumn, type CodedColumn, type CodedChoice } from './cell-reader';
import type { CodeList } from './types';

// The coded columns of the two imports and what each accepts, built once on first use (the
// industry list has 1,381 classes). The readers in main and the templates' code sheets both
// take them from here, so a template never offers a value the import would refuse.

export type YesNo = 'yes' | 'no';

function builtinList(id: string): CodeList {
  const list = builtinPack().codeList(id);
  if (!list) throw new Error(`the built-in form pack has no code list '${id}'`);
  return list;
}

const yesNoChoices: CodedChoice<YesNo>[] = [
  { value: 'yes', code: '1', zh: '是', en: 'yes', aliases: ['有', 'y', 'true', '√', '✓'] },
  { value: 'no', code: '2', zh: '否', en: 'no', aliases: ['无', 'n', 'false', '0', '×'] },
];

const kindChoices: CodedChoice<'legal' | 'establishment' | 'individual'>[] = [
  { value: 'legal', code: '1', zh: '法人单位', en: 'legal', aliases: ['法人', 'legal entity'] },
  { value: 'establishment', code: '2', zh: '产业活动单位', en: 'establishment', aliases: ['产业活动'] },
  // No code: the 611 form's 单位类型 codes only the first two; 个体经营户 has forms of its own.
  { value: 'individual', code: null, zh: '个体经营户', en: 'individual', aliases: ['个体户', '个体', '个体工商户'] },
];

const qualificationChoices: CodedChoice<'none' | 'general' | 'specialty' | 'labour' | 'specialistWork' | 'unconfirmed'>[] = [
  { value: 'none', code: null, zh: '无', en: 'none', aliases: ['无资质', '否', 'no'] },
  { value: 'general', code: null, zh: '总承包', en: 'general', aliases: ['施工总承包', '总承包资质'] },
  { value: 'specialty', code: null, zh: '专业承包', en: 'specialty', aliases: ['专业承包资质'] },
  { value: 'labour', code: null, zh: '劳务', en: 'labour', aliases: ['劳务分包', '施工劳务', '劳务资质'] },
  { value: 'specialistWork', code: null, zh: '专业作业', en: 'specialistWork', aliases: ['专业作业资质'] },
  // An old template's 有无资质 "是" says a qualification exists but not which.
  { value: 'unconfirmed', code: null, zh: '待确认', en: 'unconfirmed', aliases: ['是', '有', 'yes', '有资质'] },
];

const scaleChoices: CodedChoice<'above' | 'below'>[] = [
  { value: 'above', code: null, zh: '规上', en: 'above', aliases: ['规模以上', '限上', '限额以上', '是'] },
  { value: 'below', code: null, zh: '规下', en: 'below', aliases: ['规模以下', '限下', '限额以下', '否'] },
];

const statusChoices: CodedChoice<'active' | 'suspended' | 'closed' | 'deregistered' | 'revoked' | 'bankrupt' | 'moved_away' | 'merged'>[] = [
  { value: 'active', code: null, zh: '在营', en: 'active', aliases: ['营业', '正常', '存续', '正常运营', '开业'] },
  { value: 'suspended', code: null, zh: '停业', en: 'suspended', aliases: ['歇业', '停业(歇业)'] },
  { value: 'closed', code: null, zh: '关闭', en: 'closed', aliases: ['关停', '当年关闭'] },
  { value: 'deregistered', code: null, zh: '注销', en: 'deregistered', aliases: ['当年注销'] },
  { value: 'revoked', code: null, zh: '吊销', en: 'revoked', aliases: ['撤销', '当年撤(吊)销', '撤(吊)销'] },
  { value: 'bankrupt', code: null, zh: '破产', en: 'bankrupt', aliases: ['当年破产'] },
  { value: 'moved_away', code: null, zh: '迁出', en: 'moved_away', aliases: ['moved away', '迁移'] },
  { value: 'merged', code: null, zh: '合并', en: 'merged', aliases: ['被合并'] },
];

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

export const frameCodedColumns = once(() => ({
  kind: codedColumn({ zh: '单位类型', en: 'Unit kind' }, kindChoices),
  // Every class is read; main then tells a class outside the census (divisions 01–04) apart.
  industryCode: industryColumn({ zh: '行业代码', en: 'Industry code' }),
}));

export const directoryCodedColumns = once(() => ({
  industryCode: industryColumn({ zh: '行业代码', en: 'Industry code' }),
  // The directory keeps the national classifications as the built-in pack has them: a bureau's
  // form correction must not change what an enterprise directory import reads.
  registrationCategory: codeListColumn(builtinList('registrationCategory')),
  institutionType: codeListColumn(builtinList('institutionType')),
  scale: codedColumn({ zh: '规模', en: 'Size' }, scaleChoices),
  isOnlineReporter: codedColumn({ zh: '一套表', en: 'Online reporter' }, yesNoChoices),
  unitKind: codedColumn({ zh: '单位类别', en: 'Unit kind' }, kindChoices),
  qualificationKind: codedColumn({ zh: '资质类别', en: 'Qualification' }, qualificationChoices),
  isLocallyRegistered: codedColumn({ zh: '是否本地注册', en: 'Locally registered' }, yesNoChoices),
  hasDevelopmentActivity: codedColumn({ zh: '有无开发经营活动', en: 'Development activity' }, yesNoChoices),
  isNewBuild: codedColumn({ zh: '是否新建投产', en: 'Newly built' }, yesNoChoices),
  isProjectUnderConstruction: codedColumn({ zh: '项目是否在建', en: 'Project under construction' }, yesNoChoices),
  status: codedColumn({ zh: '经营状态', en: 'Status' }, statusChoices),
}));

/** Every coded column of an import, for its template's code sheet. */
export function codedColumnsOf(kind: 'frame' | 'directory'): Record<string, CodedColumn> {
  return kind === 'frame' ? frameCodedColumns() : directoryCodedColumns();
}
