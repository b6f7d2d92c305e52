import type { EnterpriseFields, EnterpriseStatus } from '../../../shared/directory';

// Directory file columns (issue 5): which header means which field, and how cell text becomes
// a value. Headers are matched after trimming, dropping white space and any bracketed note
// ("行业代码（GB/T 4754）" → 行业代码), case-insensitively. The export writes the first name of
// each field, so an exported file imports back as it is.

export type DirectoryField = keyof EnterpriseFields;

export const directoryColumns: readonly { field: DirectoryField; headers: readonly string[] }[] = [
  { field: 'uscc', headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'] },
  { field: 'name', headers: ['单位详细名称', '企业名称', '单位名称', '名称', 'name'] },
  { field: 'address', headers: ['详细地址', '地址', '单位地址', '所在地址', 'address'] },
  { field: 'divisionCode', headers: ['区划代码', '统计用区划代码', '行政区划代码', 'divisioncode'] },
  { field: 'industryCode', headers: ['行业代码', '国民经济行业代码', 'industrycode'] },
  { field: 'registrationCategory', headers: ['登记注册统计类别', '登记注册类型', 'registrationcategory'] },
  { field: 'institutionType', headers: ['机构类型', 'institutiontype'] },
  { field: 'scale', headers: ['规模', '规上规下', '是否规上', '规模类型', 'scale'] },
  { field: 'isOnlineReporter', headers: ['一套表', '是否一套表', '一套表单位', 'isonlinereporter'] },
  { field: 'liaison', headers: ['包保责任人', '包保人', '联系干部', 'liaison'] },
  { field: 'legalRepresentative', headers: ['法定代表人', '单位负责人', 'legalrepresentative'] },
  { field: 'phone', headers: ['联系电话', '电话', '移动电话', 'phone'] },
  { field: 'hasQualification', headers: ['有无资质', '是否有资质', '资质', 'hasqualification'] },
  { field: 'status', headers: ['状态', '运营状态', '经营状态', 'status'] },
  { field: 'statusNote', headers: ['状态说明', '备注', 'statusnote'] },
];

export const normaliseHeader = (h: string): string =>
  h
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

const byHeader = new Map<string, DirectoryField>(directoryColumns.flatMap((c) => c.headers.map((h) => [normaliseHeader(h), c.field] as const)));

/** Field of each header (null: not a directory column); a field's first column wins. */
export function mapHeaders(headers: readonly string[]): (DirectoryField | null)[] {
  const seen = new Set<DirectoryField>();
  return headers.map((h) => {
    const field = byHeader.get(normaliseHeader(h)) ?? null;
    if (field === null || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
}

export const headerOf = (field: DirectoryField): string => directoryColumns.find((c) => c.field === field)?.headers[0] ?? field;

const yes = new Set(['是', '有', 'y', 'yes', 'true', '1', '√']);
const no = new Set(['否', '无', 'n', 'no', 'false', '0', '']);

export function parseYesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (yes.has(t)) return true;
  if (no.has(t)) return false;
  return undefined;
}

export function parseScale(text: string): 'above' | 'below' | undefined {
  const t = text.trim().toLowerCase();
  if (['规上', '规模以上', '限上', '限额以上', '是', 'above'].includes(t)) return 'above';
  if (['规下', '规模以下', '限下', '限额以下', '否', 'below'].includes(t)) return 'below';
  return undefined;
}

const statusWords: Record<string, EnterpriseStatus> = {
  在营: 'active',
  营业: 'active',
  正常: 'active',
  存续: 'active',
  正常运营: 'active',
  active: 'active',
  停业: 'suspended',
  歇业: 'suspended',
  suspended: 'suspended',
  关闭: 'closed',
  关停: 'closed',
  closed: 'closed',
  注销: 'deregistered',
  deregistered: 'deregistered',
  吊销: 'revoked',
  revoked: 'revoked',
  破产: 'bankrupt',
  bankrupt: 'bankrupt',
  迁出: 'moved_away',
  moved_away: 'moved_away',
  合并: 'merged',
  被合并: 'merged',
  merged: 'merged',
};

export function parseStatus(text: string): EnterpriseStatus | undefined {
  return statusWords[text.trim().toLowerCase()];
}

/** Export labels of the status codes. */
export const statusLabel: Record<EnterpriseStatus, string> = {
  active: '在营',
  suspended: '停业',
  closed: '关闭',
  deregistered: '注销',
  revoked: '吊销',
  bankrupt: '破产',
  moved_away: '迁出',
  merged: '合并',
};
