import { trainingAudiences, type TrainingAudience } from '../training/training';
import { taskKinds, type TaskKind } from '../verification/sync-fields';
import type { YearSummary } from './year-summary';

// The summary as the tables a reader sees: one definition of every row, column, label and
// source note, so the screen, the printed page and the workbook show the same figures in the
// same places. A value is null when this laptop holds no record of its kind at all: shown as
// "—" with the reason, never as a 0 nobody counted.

export interface Words {
  zh: string;
  en: string;
}

export interface SummaryRow {
  key: string;
  label: Words;
  values: (number | null)[];
  isTotal?: boolean;
}

export interface SummaryTable {
  key: 'verification' | 'directory' | 'enforcement' | 'training' | 'liaison' | 'interference';
  title: Words;
  columns: Words[];
  rows: SummaryRow[];
  /** Where the figures come from and how each is decided, in words. */
  source: Words;
  /** The reason figures show "—" (no record of the kind on this laptop), else null. */
  missing: Words | null;
}

const kindNames: Record<TaskKind, Words> = {
  admission: { zh: '入库核查', en: 'Admission checks' },
  exit: { zh: '退库核查', en: 'Exit checks' },
  sample: { zh: '一套表抽查', en: 'Sample checks of reporting units' },
  draw: { zh: '双随机核查', en: 'Random-draw checks' },
};

const audienceNames: Record<TrainingAudience, Words> = {
  enumerator: { zh: '普查员', en: 'Enumerators' },
  supervisor: { zh: '普查指导员', en: 'Supervisors' },
  census_staff: { zh: '普查员和指导员', en: 'Enumerators and supervisors' },
  enterprise_staff: { zh: '企业统计人员', en: "Enterprises' statistics staff" },
};

const none = (zh: string, en: string): Words => ({ zh: `本机没有${zh}记录，无法统计（不是 0）。请先同步。`, en: `This computer holds no ${en}, so nothing can be counted (this is not 0). Sync first.` });

/** `n` when records exist, else null (shown as "—"). */
const held = (count: number, n: number): number | null => (count > 0 ? n : null);

export function summaryTables(s: YearSummary): SummaryTable[] {
  const v = s.verification;
  const vh = (n: number) => held(v.held, n);
  const e = s.enforcement.counts;
  const eh = (n: number) => held(s.enforcement.held, n);
  const t = s.training.counts;
  const th = (n: number) => held(s.training.held, n);
  const l = s.liaison;
  const lh = (n: number) => held(l.held, n);
  const d = s.directory;
  const tables: SummaryTable[] = [
    {
      key: 'verification',
      title: { zh: '核查', en: 'Verification of reported data' },
      columns: [
        { zh: '核查单位数', en: 'Units verified' },
        { zh: '相符', en: 'Consistent' },
        { zh: '不符', en: 'Inconsistent' },
      ],
      rows: [
        ...taskKinds.map((k) => ({ key: k, label: kindNames[k], values: [vh(v.counts.byKind[k].units), vh(v.counts.byKind[k].consistent), vh(v.counts.byKind[k].inconsistent)] })),
        { key: 'total', label: { zh: '合计（同一单位只计一次）', en: 'Total (each unit once)' }, values: [vh(v.counts.units), vh(v.counts.consistent), vh(v.counts.inconsistent)], isTotal: true },
      ],
      source: {
        zh: `来源：核查任务（本机共 ${v.held} 个）。计入已完成（清单、结论、双方签名齐全）且核查人签名日期在 ${s.year} 年的任务；同一单位同类核查一年内多次只计一次，按最后一次的结论。`,
        en: `Source: verification tasks (${v.held} on this computer). A task counts when it is completed (checklist, conclusion and both signatures) and the checker signed in ${s.year}; a unit checked twice in the year for the same kind counts once, with its latest conclusion.`,
      },
      missing: v.held === 0 ? none('核查任务', 'verification tasks') : null,
    },
    {
      key: 'directory',
      title: { zh: '名录入库与退库', en: 'Entries to and exits from the directory' },
      columns: [{ zh: '企业数', en: 'Enterprises' }],
      rows: [
        { key: 'entered', label: { zh: '入库（规下升规上）', en: 'Entered (admitted as above-size)' }, values: [held(d.admissionsHeld, d.entered)] },
        { key: 'left', label: { zh: '退库', en: 'Left (removed)' }, values: [held(d.exitsHeld, d.left)] },
      ],
      source: {
        zh: `来源：入规纳统跟踪（本机共 ${d.admissionsHeld} 个环节记录）与退库记录（本机共 ${d.exitsHeld} 个）。入库：跟踪环节转为“已入库”（局审批通过）且日期在 ${s.year} 年的企业；退库：退库流程走完“已退库”且退库日期在 ${s.year} 年的企业（提出、已核实、局审批中或不予退库的都不计）。每家企业只计一次。`,
        en: `Source: the follow-up of candidates for above-size status (入规纳统, ${d.admissionsHeld} steps on this computer) and exit records (${d.exitsHeld}). Entered: enterprises whose follow-up moved to "admitted" (approved by the bureau) on a day in ${s.year}. Left: enterprises whose exit was carried out ("removed from the directory") with a removal date in ${s.year}; exits proposed, verified, awaiting approval or rejected do not count. Each enterprise once.`,
      },
      missing: d.admissionsHeld === 0 && d.exitsHeld === 0 ? none('入库或退库', 'admission or exit records') : null,
    },
    {
      key: 'enforcement',
      title: { zh: '统计执法', en: 'Statistical enforcement' },
      columns: [{ zh: '数量', en: 'Count' }],
      rows: [
        { key: 'inspected', label: { zh: '检查企业（家）', en: 'Enterprises inspected' }, values: [eh(e.inspected)] },
        { key: 'inViolation', label: { zh: '发现违法企业（家）', en: 'Enterprises in violation' }, values: [eh(e.inViolation)] },
        { key: 'casesFiled', label: { zh: '立案（件）', en: 'Cases filed' }, values: [eh(e.casesFiled)] },
        { key: 'casesClosed', label: { zh: '结案（件）', en: 'Cases closed' }, values: [eh(e.casesClosed)] },
        { key: 'transferred', label: { zh: '移送（件）', en: 'Cases transferred' }, values: [eh(e.transferred)] },
        { key: 'transferredToDiscipline', label: { zh: '　其中移送纪检监察机关', en: '  of which to discipline inspection' }, values: [eh(e.transferredToDiscipline)] },
        { key: 'transferredToMarket', label: { zh: '　其中移送市场监管部门', en: '  of which to the market regulator' }, values: [eh(e.transferredToMarket)] },
        { key: 'warnings', label: { zh: '警告（件）', en: 'Warnings' }, values: [eh(e.warnings)] },
        { key: 'fines', label: { zh: '罚款（件）', en: 'Fines' }, values: [eh(e.fines)] },
        { key: 'fineYuanTotal', label: { zh: '罚款金额（元）', en: 'Fines in total (yuan)' }, values: [eh(e.fineYuanTotal)] },
        { key: 'publicNotices', label: { zh: '通报（件）', en: 'Public notices' }, values: [eh(e.publicNotices)] },
      ],
      source: {
        zh: `来源：统计执法的抽取与案件（本机共 ${s.enforcement.held} 条）。检查企业：${s.year} 年抽取到或立案的企业；违法企业：${s.year} 年立案的企业；结案、移送与处罚按各环节记载的日期计年。`,
        en: `Source: enforcement draws and cases (${s.enforcement.held} records on this computer). Inspected: enterprises drawn or with a case filed in ${s.year}; in violation: enterprises with a case filed in ${s.year}; closures, transfers and penalties by the date each step records.`,
      },
      missing: s.enforcement.held === 0 ? none('执法抽取或案件', 'enforcement draws or cases') : null,
    },
    {
      key: 'training',
      title: { zh: '培训', en: 'Training' },
      columns: [
        { zh: '期数', en: 'Sessions' },
        { zh: '人次', en: 'Attendances' },
      ],
      rows: [
        ...trainingAudiences.map((a) => ({ key: a, label: audienceNames[a], values: [th(t.byAudience[a].sessions), th(t.byAudience[a].people)] })),
        { key: 'total', label: { zh: '合计', en: 'Total' }, values: [th(t.sessions), th(t.people)], isTotal: true },
      ],
      source: {
        zh: `来源：培训记录（本机共 ${s.training.held} 期）。按培训日期计年，已取消的不计；人次为各期参训人数之和（同一人参加两期计两次）。`,
        en: `Source: training sessions (${s.training.held} on this computer), by the session's date; cancelled sessions do not count; attendances are the sum of each session's attendees (a person at two sessions counts twice).`,
      },
      missing: s.training.held === 0 ? none('培训', 'training sessions') : null,
    },
    {
      key: 'liaison',
      title: { zh: '企业包保', en: 'Enterprise liaison (包保)' },
      columns: [{ zh: '数量', en: 'Count' }],
      rows: [
        { key: 'followed', label: { zh: '在营及停业企业（家）', en: 'Enterprises followed (in operation or suspended)' }, values: [lh(l.held)] },
        { key: 'withOfficial', label: { zh: '有包保责任人的企业（家）', en: 'With a responsible official' }, values: [lh(l.withOfficial)] },
        { key: 'visits', label: { zh: '走访（次）', en: 'Visits' }, values: [lh(l.visits)] },
        { key: 'enterprisesVisited', label: { zh: '走访到的企业（家）', en: 'Enterprises visited' }, values: [lh(l.enterprisesVisited)] },
      ],
      source: {
        zh: `来源：企业名录与包保走访记录。在营及停业企业与包保责任人为名录的当前记录（今天的情况，不是 ${s.year} 年末）；走访按走访日期计年。`,
        en: `Source: the enterprise directory and the 包保 visit log. Enterprises and their officials are the directory's current record (today, not the end of ${s.year}); visits by their date.`,
      },
      missing: l.held === 0 ? none('在营企业', 'enterprises in operation') : null,
    },
  ];
  if (s.interference !== null) {
    const i = s.interference;
    tables.push({
      key: 'interference',
      title: { zh: '干预统计工作记录（仅局领导可见）', en: 'Interference in statistical work (leadership only)' },
      columns: [{ zh: '起数', en: 'Attempts' }],
      rows: [{ key: 'count', label: { zh: '记录的干预事项', en: 'Attempts recorded' }, values: [held(i.held, i.count)] }],
      source: {
        zh: `来源：领导干部干预统计工作记录（本机共 ${i.held} 条）。按发生日期计年，更正不另计。`,
        en: `Source: the register of interference in statistical work (${i.held} entries on this computer), by the date it occurred; corrections do not count again.`,
      },
      missing: i.held === 0 ? none('干预统计工作', 'interference register entries') : null,
    });
  }
  return tables;
}
