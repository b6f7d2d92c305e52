import { z } from 'zod';
import { orgCodeCheckChar, usccCheckChar } from '../census/identifiers';

// What the two spreadsheet imports accept — the listing frame (底册) and the enterprise
// directory (名录) — as data, so that main's readers, the downloadable templates, the import
// dialogs and the README all say the same thing: the size limits, the encodings of a CSV, and
// for each column the header names read (compared without spaces, case or a bracketed note),
// whether it is required, whether it is coded, and an example value.

/** Bytes of one file; the renderer refuses bigger files before reading them. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Rows of data in one file (the header row not counted). */
export const MAX_IMPORT_ROWS = 50_000;

/** A chosen spreadsheet as the renderer sends it: main parses the bytes (CSV or XLSX). */
export const ImportFile = z
  .object({
    fileName: z.string().trim().min(1).max(255).regex(/\.(csv|xlsx)$/i),
    /** Base64 of the file: MAX_IMPORT_BYTES of file at most, with room to spare. */
    contentBase64: z.string().max(14_000_000),
  })
  .strict();

export const IMPORT_ENCODINGS = {
  zh: 'UTF-8（带或不带 BOM）、GBK/GB18030、UTF-16（带 BOM）',
  en: 'UTF-8 (with or without BOM), GBK/GB18030, UTF-16 (with BOM)',
} as const;

export const importKinds = ['frame', 'directory'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ImportColumnSpec {
  field: string;
  /** Header names read for this column; the first is the one the template writes. */
  headers: readonly string[];
  /** 'always': every row needs it; 'new': rows that add a new record need it; 'no'. */
  required: 'always' | 'new' | 'no';
  /** Read with shared/codes/cell-reader.ts: a code, "code name" or the name. */
  isCoded: boolean;
  /** The template's example row. */
  example: string | number;
  note?: { zh: string; en: string };
}

const exampleOrgCode = `MA76P0KX${orgCodeCheckChar('MA76P0KX')}`;
const exampleUscc = (() => {
  // A real-shaped code: positions 9–17 are an org code with its own check character.
  const body = `91640502MA76P0KX${orgCodeCheckChar('MA76P0KX')}`;
  return body + usccCheckChar(body);
})();

export const frameImportColumns: readonly ImportColumnSpec[] = [
  { field: 'areaCode', headers: ['普查小区代码', '普查小区', '小区代码', 'areaCode', 'census sub-district code', 'sub-district code'], required: 'always', isCoded: false, example: '640502100002001', note: { zh: '15 位：12 位村级区划代码 + 3 位顺序码', en: '15 digits: the 12-digit village code and a 3-digit sequence' } },
  { field: 'name', headers: ['单位详细名称', '单位名称', '单位全称', '名称', 'name', 'unit name'], required: 'always', isCoded: false, example: '中卫市示例商贸有限公司' },
  { field: 'uscc', headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc', 'credit code', 'unified social credit code'], required: 'no', isCoded: false, example: exampleUscc, note: { zh: '18 位；请把该列设为文本，否则 Excel 会把全数字的代码存成数字并丢失位数', en: '18 characters; format the column as text, or Excel stores all-digit codes as numbers and loses digits' } },
  { field: 'orgCode', headers: ['组织机构代码', '机构代码', 'orgcode', 'organisation code', 'organization code'], required: 'no', isCoded: false, example: exampleOrgCode, note: { zh: '9 位；产业活动单位的本部可按“法人组织机构代码前8位+B”填写', en: '9 characters; a 本部 establishment may carry its legal unit’s first 8 characters and B' } },
  { field: 'address', headers: ['详细地址', '单位详细地址', '单位地址', '地址', '单位所在地详细地址', 'address'], required: 'no', isCoded: false, example: '中卫市沙坡头区滨河镇文昌南街 12 号' },
  { field: 'kind', headers: ['单位类型', '单位类别', 'kind', 'unit type', 'type'], required: 'always', isCoded: true, example: '法人单位' },
  { field: 'industryCode', headers: ['行业代码', '行业小类代码', 'industry code', 'industry'], required: 'no', isCoded: true, example: '5212', note: { zh: 'GB/T 4754-2017 四位小类', en: 'a 4-digit GB/T 4754-2017 class' } },
  { field: 'lastYearRevenue', headers: ['上年营业收入', '上年营业收入合计', 'last year revenue', 'revenue last year'], required: 'no', isCoded: false, example: 11000, note: { zh: '千元；列名后可用括号注明“万元”或“元”，如“上年营业收入（万元）”', en: 'thousand yuan; a header such as 上年营业收入（万元） or （元） says another unit' } },
  { field: 'lastYearEmployees', headers: ['上年从业人员', '上年从业人员期末人数', '上年从业人员数', 'last year employees', 'employees last year'], required: 'no', isCoded: false, example: 18, note: { zh: '人', en: 'persons' } },
  { field: 'frameId', headers: ['底册唯一标识码', '唯一标识码', '底册标识码', '单位唯一标识码', 'frameId', 'frame id', 'frame identifier'], required: 'no', isCoded: false, example: 'DC640502000123', note: { zh: '底册中单位的唯一标识，带入普查表以便与底册核对', en: 'the frame’s own key of the unit, carried into the form to match it back' } },
  { field: 'specialty', headers: ['专业类别', '专业', 'specialty', 'speciality'], required: 'no', isCoded: false, example: '批零住餐', note: { zh: '如工业、建筑业、批零住餐、房地产、服务业', en: 'e.g. industry, construction, trade and catering, real estate, services' } },
];

export const directoryImportColumns: readonly ImportColumnSpec[] = [
  { field: 'uscc', headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'], required: 'no', isCoded: false, example: exampleUscc, note: { zh: '按它新增或更新企业；每行须有它或组织机构代码；请把该列设为文本', en: 'enterprises are added or updated by it; each row needs it or the organisation code; format the column as text' } },
  { field: 'orgCode', headers: ['组织机构代码', '机构代码', 'orgCode', 'organisation code'], required: 'no', isCoded: false, example: '', note: { zh: '9 位；没有统一社会信用代码的企业按它新增或更新', en: '9 characters; an enterprise without a USCC is added or updated by it' } },
  { field: 'name', headers: ['单位详细名称', '企业名称', '单位名称', '名称', 'name'], required: 'new', isCoded: false, example: '中卫市示例商贸有限公司' },
  { field: 'address', headers: ['详细地址', '地址', '单位地址', '所在地址', 'address'], required: 'no', isCoded: false, example: '中卫市沙坡头区滨河镇文昌南街 12 号' },
  { field: 'divisionCode', headers: ['区划代码', '统计用区划代码', '行政区划代码', 'divisionCode'], required: 'new', isCoded: false, example: '640502100002', note: { zh: '12 位统计用区划代码（村、社区级）', en: 'the 12-digit statistical division code (village level)' } },
  { field: 'industryCode', headers: ['行业代码', '国民经济行业代码', 'industryCode'], required: 'no', isCoded: true, example: '5212', note: { zh: 'GB/T 4754-2017 四位小类', en: 'a 4-digit GB/T 4754-2017 class' } },
  { field: 'registrationCategory', headers: ['登记注册统计类别', '登记注册类型', 'registrationCategory'], required: 'no', isCoded: true, example: '112 私营有限责任公司' },
  { field: 'institutionType', headers: ['机构类型', 'institutionType'], required: 'no', isCoded: true, example: '10 企业' },
  { field: 'scale', headers: ['规模', '规上规下', '是否规上', '规模类型', 'scale'], required: 'no', isCoded: true, example: '规下' },
  { field: 'isOnlineReporter', headers: ['一套表', '是否一套表', '一套表单位', 'isOnlineReporter'], required: 'no', isCoded: true, example: '否' },
  { field: 'liaison', headers: ['包保责任人', '包保人', '联系干部', 'liaison'], required: 'no', isCoded: false, example: '张伟' },
  { field: 'liaisonDepartment', headers: ['包保部门', '包保责任人部门', '包保单位', 'liaisonDepartment'], required: 'no', isCoded: false, example: '经济发展办', note: { zh: '包保责任人所在部门；包保责任人或部门有变化时，按导入当天记一条包保分配，原来的留在包保历史中', en: 'the responsible official’s department; when the official or department changes, an assignment from the import’s day is recorded and the earlier one stays in the history' } },
  { field: 'legalRepresentative', headers: ['法定代表人', '单位负责人', 'legalRepresentative'], required: 'no', isCoded: false, example: '李明' },
  { field: 'phone', headers: ['联系电话', '电话', '移动电话', 'phone'], required: 'no', isCoded: false, example: '0955-7000000' },
  { field: 'unitKind', headers: ['单位类别', '单位类型', '单位种类', 'unitKind'], required: 'no', isCoded: true, example: '法人单位', note: { zh: '法人单位、产业活动单位或个体经营户（不填为法人单位）；个体经营户的统一社会信用代码以92开头；产业活动单位须填所属法人单位的统一社会信用代码', en: 'legal unit, establishment or individual business (blank: legal unit); an individual business’s USCC begins with 92; an establishment names its legal unit’s USCC' } },
  { field: 'parentUscc', headers: ['所属法人单位统一社会信用代码', '法人单位统一社会信用代码', '所属法人单位信用代码', 'parentUscc'], required: 'no', isCoded: false, example: '', note: { zh: '仅产业活动单位填写：其法人单位的统一社会信用代码；产业活动单位本身可没有代码，按法人单位和名称识别', en: 'establishments only: their legal unit’s USCC; an establishment without codes of its own is known by its legal unit and name' } },
  { field: 'qualificationKind', headers: ['资质类别', '建筑业资质类别', '建筑业资质', 'qualificationKind', '有无资质', '是否有资质', '资质'], required: 'no', isCoded: true, example: '无', note: { zh: '建筑业：总承包、专业承包（可入库），劳务、专业作业（不计入），或无；旧模板的“有无资质”列填“是”时记为“待确认”，请再确认资质类别', en: 'construction: general or specialty contracting (these enter), labour or specialist work (these do not), or none; an old template’s “有无资质” yes is kept as “to confirm”' } },
  { field: 'isLocallyRegistered', headers: ['是否本地注册', '本地注册', 'isLocallyRegistered'], required: 'no', isCoded: true, example: '是', note: { zh: '建筑业：在本区注册（建筑业在注册地入库）', en: 'construction: registered in this district (construction enters where registered)' } },
  { field: 'hasDevelopmentActivity', headers: ['有无开发经营活动', '是否有开发经营活动', '开发经营活动', 'hasDevelopmentActivity'], required: 'no', isCoded: true, example: '否', note: { zh: '房地产开发经营', en: 'real-estate development' } },
  { field: 'foundedOn', headers: ['成立日期', '成立时间', '成立年月日', 'foundedOn'], required: 'no', isCoded: false, example: '2019-06-18', note: { zh: '如 2019-06-18；入库申报时成立三年以上的单位须附成立以来各年度增值税纳税申报表', en: 'e.g. 2019-06-18; a unit over three years old files the VAT returns of every year since founding' } },
  { field: 'isNewBuild', headers: ['是否新建投产', '新建投产', 'isNewBuild'], required: 'no', isCoded: true, example: '否', note: { zh: '新建投产单位申报时附新建投产说明', en: 'a newly built unit files a 新建投产 statement' } },
  { field: 'projectInvestment', headers: ['计划总投资', '项目计划总投资', 'projectInvestment'], required: 'no', isCoded: false, example: '', note: { zh: '在建项目计划总投资，千元；5000万元（50000千元）及以上在建项目的法人单位可入库', en: 'planned total investment of a project, thousand yuan; a legal unit with a project of 50,000 or more under construction enters' } },
  { field: 'isProjectUnderConstruction', headers: ['项目是否在建', '是否在建', 'isProjectUnderConstruction'], required: 'no', isCoded: true, example: '否' },
  { field: 'status', headers: ['状态', '运营状态', '经营状态', 'status'], required: 'no', isCoded: true, example: '在营' },
  { field: 'statusNote', headers: ['状态说明', '备注', 'statusNote'], required: 'no', isCoded: false, example: '' },
];

export const importColumns: Record<ImportKind, readonly ImportColumnSpec[]> = {
  frame: frameImportColumns,
  directory: directoryImportColumns,
};
