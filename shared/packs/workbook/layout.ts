// The authoring workbook's sheets and columns: one table, used to write a workbook and to read
// one back, so every header the export writes is one the reader accepts. The shape follows
// XLSForm (settings / survey-like items / choices): statisticians already know it. Headers are
// accepted in English (`label::zh`, as XLSForm writes them), in Chinese (`中文标签`) or both as
// the export writes them (`中文标签 label::zh`); sheet names likewise (`items`, `项目`, `项目 items`).

export interface Column {
  /** The English key, XLSForm style. */
  key: string;
  zh: string;
  /** Other accepted names (Chinese synonyms). */
  aliases?: readonly string[];
  /** Every row must fill it. */
  required?: boolean;
  /** Characters; the export sets the column width from it. */
  width: number;
  /** Written and formatted as text so Excel does not turn '01' into 1 or '2023.10' into 2023.1. */
  text?: boolean;
}

export interface SheetLayout {
  key: SheetKey;
  zh: string;
  /** A note on the sheet's first row is not possible with a frozen header: the 说明 sheet has them. */
  about: string;
  columns: readonly Column[];
  /** The sheet must be present (settings, forms, sections, items). */
  required: boolean;
}

export type SheetKey = 'settings' | 'forms' | 'unitForms' | 'sections' | 'items' | 'choices' | 'lists' | 'rules' | 'messages' | 'plausibility' | 'scale' | 'moves';

const c = (key: string, zh: string, width: number, extra: Partial<Column> = {}): Column => ({ key, zh, width, ...extra });

export const SHEETS: readonly SheetLayout[] = [
  {
    key: 'settings',
    zh: '设置',
    required: true,
    about: '表式包的编号、版本、日期、标题、来源、说明和参数（settings.名称）/ the pack id, version, date, titles, source, notes and settings (settings.<name>)',
    columns: [c('key', '键', 26, { required: true, aliases: ['名称', '设置项'], text: true }), c('value', '值', 60, { aliases: ['取值'] }), c('note', '说明', 40, { aliases: ['备注'] })],
  },
  {
    key: 'forms',
    zh: '表',
    required: true,
    about: '每张普查表一行 / one row per census form',
    columns: [
      c('form', '表号', 12, { required: true, aliases: ['表编号', '表'], text: true }),
      c('printed_no', '印刷表号', 12, { text: true }),
      c('version', '版本', 10, { required: true, text: true }),
      c('title::zh', '中文标题', 36, { required: true, aliases: ['标题'] }),
      c('title::en', '英文标题', 40, { required: true }),
      c('source', '来源', 60, { required: true }),
    ],
  },
  {
    key: 'unitForms',
    zh: '单位填报表',
    required: true,
    about: '各类单位填报哪些表，按显示顺序；每类第一张为其基本情况表（611 或个体经营户表），条件读该表的项目 / which forms each kind of unit fills, in order; the first of each kind is its primary form (611 or the individual form), and a condition reads that form\u2019s items',
    columns: [
      c('kind', '单位类型', 16, { required: true, aliases: ['类型'] }),
      c('form', '表号', 12, { required: true, aliases: ['表'], text: true }),
      c('when', '填报条件', 60, { aliases: ['条件'] }),
    ],
  },
  {
    key: 'sections',
    zh: '分组',
    required: true,
    about: '表内的分组（部分），按表内顺序；重复分组填写行数与行名称 / sections of each form in order; a repeating section fills its row counts and row name',
    columns: [
      c('form', '表号', 12, { required: true, aliases: ['表'], text: true }),
      c('section', '分组', 22, { required: true, aliases: ['分组代码', '部分'], text: true }),
      c('title::zh', '中文标题', 30, { required: true, aliases: ['标题'] }),
      c('title::en', '英文标题', 34, { required: true }),
      c('relevant', '显示条件', 36, { aliases: ['跳转条件'] }),
      c('repeat_min', '最少行数', 10),
      c('repeat_max', '最多行数', 10),
      c('repeat_label::zh', '行名称', 16),
      c('repeat_label::en', '英文行名称', 16),
    ],
  },
  {
    key: 'items',
    zh: '项目',
    required: true,
    about: '每个指标（项目）一行，按分组内顺序 / one row per item, in order within its section',
    columns: [
      c('form', '表号', 10, { required: true, aliases: ['表'], text: true }),
      c('section', '分组', 18, { required: true, aliases: ['分组代码', '部分'], text: true }),
      c('name', '代码', 22, { required: true, aliases: ['项目代码', 'code'], text: true }),
      c('type', '类型', 12, { required: true, aliases: ['数据类型'] }),
      c('label::zh', '中文标签', 30, { required: true, aliases: ['项目名称', '中文名称'] }),
      c('label::en', '英文标签', 34, { required: true, aliases: ['英文名称'] }),
      c('printed_no', '印刷编号', 10, { aliases: ['编号', '指标编号'], text: true }),
      c('unit::zh', '计量单位', 10, { aliases: ['单位'] }),
      c('unit::en', '英文计量单位', 12),
      c('list_name', '代码表', 22, { aliases: ['选项表'], text: true }),
      c('required', '必填', 24, { aliases: ['是否必填'] }),
      c('required_note::zh', '必填说明', 24),
      c('required_note::en', '英文必填说明', 24),
      c('relevant', '显示条件', 36, { aliases: ['跳转条件'] }),
      c('hint::zh', '中文说明', 30, { aliases: ['填报说明', 'help::zh'] }),
      c('hint::en', '英文说明', 30, { aliases: ['help::en'] }),
      c('max_length', '最大长度', 10),
      c('min', '最小值', 10),
      c('max', '最大值', 10),
      c('renamed_from', '原代码', 18, { aliases: ['曾用代码'], text: true }),
      c('max_choices', '最多选几项', 10, { aliases: ['最多选择数'] }),
      c('compute', '计算式', 44, { aliases: ['自动计算', '带入'] }),
      c('compute_allow_blank', '计算可为空', 22, { aliases: ['可为空'], text: true }),
    ],
  },
  {
    key: 'choices',
    zh: '代码',
    required: false,
    about: '代码表的代码，及项目的内嵌选项（代码表名以 @ 开头，如 @611.hasPremises）/ codes of the code lists, and items\u2019 inline options (list names starting with @)',
    columns: [
      c('list_name', '代码表', 22, { required: true, aliases: ['代码表名'], text: true }),
      c('name', '代码', 12, { required: true, aliases: ['code'], text: true }),
      c('label::zh', '中文名称', 30, { required: true, aliases: ['名称', '中文标签'] }),
      c('label::en', '英文名称', 34, { required: true, aliases: ['英文标签'] }),
      c('initials', '拼音首字母', 14, { aliases: ['首字母'] }),
      c('not_offered', '不再提供', 40, { aliases: ['停用原因'] }),
    ],
  },
  {
    key: 'lists',
    zh: '代码表',
    required: false,
    about: '全国统一代码表的名称、版本和来源 / name, version and source of each national code list',
    columns: [
      c('list_name', '代码表', 26, { required: true, aliases: ['代码表名'], text: true }),
      c('title::zh', '中文名称', 24, { required: true, aliases: ['名称'] }),
      c('title::en', '英文名称', 28, { required: true }),
      c('version', '版本', 10, { required: true, text: true }),
      c('year', '年份', 8, { required: true }),
      c('source', '来源', 60, { required: true }),
    ],
  },
  {
    key: 'rules',
    zh: '审核规则',
    required: false,
    about: '审核规则：检查函数与参数；expr 与 assert 的表达式写在“表达式”列 / edit rules: the check and its parameters; expr and assert write their expression in its own column',
    columns: [
      c('id', '规则编号', 26, { required: true, aliases: ['编号'], text: true }),
      c('form', '表号', 10, { required: true, aliases: ['表'], text: true }),
      c('severity', '类别', 10, { required: true, aliases: ['规则类别', '严重程度'] }),
      c('items', '项目', 26, { required: true, aliases: ['项目代码'], text: true }),
      c('when', '适用条件', 36, { aliases: ['条件'] }),
      c('check', '检查', 20, { required: true, aliases: ['检查函数', 'fn'] }),
      c('params', '参数', 30, { aliases: ['parameters'] }),
      c('expression', '表达式', 44, { aliases: ['expr', '公式'] }),
      c('show', '显示值', 36, { aliases: ['提示中的值'] }),
      c('message::zh', '中文提示', 44, { required: true, aliases: ['提示', '提示信息'] }),
      c('message::en', '英文提示', 44, { required: true }),
      c('version', '版本', 10, { required: true, text: true }),
      c('source', '来源', 44, { required: true }),
    ],
  },
  {
    key: 'messages',
    zh: '分原因提示',
    required: false,
    about: '规则按失败原因给出的提示（如 LENGTH、CHARSET）/ a rule\u2019s message for a particular failure reason',
    columns: [
      c('rule', '规则编号', 26, { required: true, text: true }),
      c('reason', '原因', 14, { required: true, text: true }),
      c('message::zh', '中文提示', 50, { required: true, aliases: ['提示'] }),
      c('message::en', '英文提示', 50, { required: true }),
    ],
  },
  {
    key: 'plausibility',
    zh: '合理区间',
    required: false,
    about: '人均营业收入合理区间（千元/人），按国民经济行业门类；版本与来源在“设置”表 / plausible revenue per person (千元) by industry section; version and source on the settings sheet',
    columns: [
      c('table', '对象', 12, { required: true, aliases: ['表'] }),
      c('section', '行业门类', 10, { required: true, aliases: ['门类'], text: true }),
      c('min', '下限', 10, { required: true, aliases: ['最小值'] }),
      c('max', '上限', 10, { required: true, aliases: ['最大值'] }),
    ],
  },
  {
    key: 'scale',
    zh: '规模划分',
    required: false,
    about:
      '单位规模（unitScale）的划分标准，每个行业档一行：行业为大类（2位）或小类（4位），逗号分隔，留空为“其他未列明行业”；指标为 employees（从业人员）、revenue（营业收入）、assets（资产总计）；大型、中型、小型各列按指标顺序写下限（人；千元），须全部达到，否则降一档，其余为微型；版本、来源在“设置”表 / size bands of unitScale: one row per industry band; industries are divisions (2 digits) or classes (4 digits), blank for “other industries”; figures employees, revenue, assets; each size lists its lower limits in the order of the figures (persons; 千元), all must be reached, else one band down, the rest is micro; version and source on the settings sheet',
    columns: [
      c('band::zh', '档名', 20, { required: true, aliases: ['行业档'] }),
      c('band::en', '英文档名', 26, { required: true }),
      c('industries', '行业', 40, { aliases: ['行业代码'], text: true }),
      c('measures', '指标', 24, { required: true }),
      c('large', '大型', 18, { required: true, text: true }),
      c('medium', '中型', 18, { required: true, text: true }),
      c('small', '小型', 18, { required: true, text: true }),
    ],
  },
  {
    key: 'moves',
    zh: '迁移',
    required: false,
    about: '单位转入本版本时，旧版本某项目的值转入另一项目（或另一张表）；条件读基本情况表的项目 / when a unit comes to this version, an earlier item\u2019s value moves to another item (or form); a condition reads the primary form\u2019s items',
    columns: [
      c('from_form', '原表号', 12, { required: true, aliases: ['原表'], text: true }),
      c('from_item', '原项目', 22, { required: true, aliases: ['原代码'], text: true }),
      c('to_form', '表号', 12, { required: true, aliases: ['表'], text: true }),
      c('to_item', '项目', 22, { required: true, aliases: ['代码'], text: true }),
      c('when', '条件', 60, { aliases: ['迁移条件'] }),
    ],
  },
];

export const sheetLayout = (key: SheetKey): SheetLayout => {
  const found = SHEETS.find((s) => s.key === key);
  if (!found) throw new Error(`no sheet ${key}`);
  return found;
};

/** What the export writes as a header (and a sheet name): Chinese first, then the key. */
export const headerText = (zh: string, key: string): string => `${zh} ${key}`;

const normal = (s: string) => s.replace(/[\s\u3000_]+/g, '').replace(/：/g, ':').toLowerCase();

/** The names a header (or sheet) may have, normalised. */
export function acceptedNames(zh: string, key: string, aliases: readonly string[] = []): Set<string> {
  const names = [zh, key, headerText(zh, key), `${key} ${zh}`, ...aliases];
  return new Set(names.map(normal));
}

export const matchesName = (names: ReadonlySet<string>, text: string): boolean => names.has(normal(text));

/** Headers a user may add for their own notes: ignored on reading. */
export const isNoteHeader = (text: string): boolean => /^(#|备注|注|note)/i.test(text.trim());

/** The sheet of the workbook's own guide; never read. */
export const GUIDE_SHEET = '说明 readme';

/** Inline options of an item: written in `choices` under `@<form>.<item>`. */
export const inlineListName = (formId: string, itemCode: string): string => `@${formId}.${itemCode}`;
export const isInlineList = (name: string): boolean => name.startsWith('@');
