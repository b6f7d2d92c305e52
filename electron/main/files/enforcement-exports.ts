import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { FileDownload } from '@shared/directory/directory';
import type { ExclusionReason } from '@shared/enforcement/roster-draw';
import type { PublishedDraw } from '@shared/enforcement/wire';
import { xlsxDownload } from './xlsx-download';

// The 公示 sheet of a 双随机 draw published before it runs: the facts anyone needs to check it
// (the SHA-256 of the seed kept back, of the pool and of the roster, the algorithm, the day
// certificates are judged on), then the pool and the roster exactly as hashed. Once the draw has
// run, the seed and the result with each drawn enterprise's inspectors, and who was excluded
// for whom and why, follow on their own sheets.

const exclusionLabel: Record<ExclusionReason, string> = {
  expired: '执法证已过期',
  not_yet_valid: '执法证尚未生效',
  liaison: '系该企业包保责任人',
  related: '与该企业有利害关系',
};

function table(sheet: ExcelJS.Worksheet, titles: readonly string[], widths: readonly number[], rows: readonly (string | number)[][]): void {
  sheet.addRow([...titles]).font = { bold: true };
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.max(sheet.getColumn(i + 1).width ?? 0, w)));
  for (const r of rows) sheet.addRow([...r]);
}

const localTime = (iso: string): string => format(new Date(iso), 'yyyy-MM-dd HH:mm');

export async function publicationXlsx(d: PublishedDraw): Promise<FileDownload> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('公示');
  sheet.addRow([`双随机抽查公示：${d.title}`]).font = { bold: true, size: 14 };
  const facts: [string, string | number][] = [
    ['公示时间', localTime(d.publishedAt)],
    ['公示人', d.publishedBy],
    ['执法证有效期判定日', d.day],
    ['抽取企业数', d.count],
    ['每家企业检查人员数', d.perEnterprise],
    ['算法', d.algorithm],
    ['随机种子的 SHA-256', d.seedHash],
    ['对象名单的 SHA-256', d.poolHash],
    ['执法检查人员名录的 SHA-256', d.rosterHash],
    ['随机种子', d.run ? d.run.seed : '抽取时公布'],
    ['抽取时间', d.run ? `${localTime(d.run.at)}（${d.run.by.name}）` : '尚未抽取'],
  ];
  for (const [k, v] of facts) sheet.addRow([k, v]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  // The texts hashed, spelled out, so the check needs nothing but this file (shared/enforcement/roster-draw.ts poolText, rosterText).
  sheet.addRow(['核验方法', '随机种子、对象名单、名录各以 UTF-8 计算 SHA-256，与上列公示值比对；再以同一种子、名单、名录和判定日按上列算法重新抽取，结果应与“抽取结果”一致。']);
  sheet.addRow(['对象名单的格式', '每家企业一行：统一社会信用代码⇥企业编号⇥区划代码⇥包保责任人（去除空格）⇥企业名称，按统一社会信用代码排序，各行以换行连接。']);
  sheet.addRow(['名录的格式', '每人一行：执法证号⇥人员编号⇥姓名⇥有效期起⇥有效期止⇥单位⇥回避企业编号（升序，以逗号分隔），按执法证号排序，各行以换行连接。']);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 70;

  const pool = wb.addWorksheet('对象名单');
  table(
    pool,
    ['序号', '统一社会信用代码', '企业名称', '区划代码', '包保责任人', '企业编号'],
    [8, 22, 40, 14, 14, 38],
    d.pool.map((e, i) => [i + 1, e.uscc, e.name, e.divisionCode, e.liaison, e.enterpriseId]),
  );

  const names = new Map(d.roster.map((r) => [r.inspectorId, r.name]));
  const roster = wb.addWorksheet('执法检查人员名录');
  const poolNames = new Map(d.pool.map((e) => [e.enterpriseId, e.name]));
  table(
    roster,
    ['姓名', '执法证号', '有效期起', '有效期止', '单位', '回避企业', '人员编号', '回避企业编号'],
    [12, 20, 12, 12, 24, 40, 38, 40],
    d.roster.map((r) => [r.name, r.certNo, r.validFrom, r.validTo, r.unit, r.related.map((id) => poolNames.get(id) ?? id).join('、'), r.inspectorId, r.related.join(',')]),
  );

  if (d.run) {
    const result = wb.addWorksheet('抽取结果');
    table(
      result,
      ['序号', '企业名称', '统一社会信用代码', '区划代码', '执法检查人员', '执法证号'],
      [8, 40, 22, 14, 20, 30],
      d.run.items.map((item) => [item.position + 1, item.name, item.uscc, item.divisionCode, item.inspectors.map((i) => i.name).join('、'), item.inspectors.map((i) => i.certNo).join('、')]),
    );
    const excluded = wb.addWorksheet('回避及排除');
    table(
      excluded,
      ['企业名称', '执法检查人员', '排除原因'],
      [40, 14, 24],
      d.run.exclusions.map((x) => [poolNames.get(x.enterpriseId) ?? x.enterpriseId, names.get(x.inspectorId) ?? x.inspectorId, exclusionLabel[x.reason]]),
    );
  }
  return xlsxDownload(wb, `双随机抽查公示-${d.title}-${format(new Date(d.publishedAt), 'yyyyMMdd')}.xlsx`);
}
