import type { ThresholdRule, ThresholdTable } from './thresholds';

// 规模以上 / 限额以上 entry thresholds, in 千元 (docs/domain.md and its corrections). Data with a
// version and a source: a correction is a data change with a new version. Rules match by
// GB/T 4754-2017 section letter, 2-digit division or 4-digit class; the most specific match
// wins (so 7010 房地产开发经营 overrides the rest of division 70). The 'investment' rule matches
// no industry: it is the fifth kind, judged beside the industry's rule.
//
// 2023.2 (from 2023.1): each revenue rule names its measure — 工业 and 批零住餐 enter on
// 主营业务收入, services on 营业收入 (2023.1 judged everyone on 营业收入); 建筑业 needs a locally
// registered unit with 总承包 or 专业承包 qualification; the fifth kind is added; 限上 批零住餐
// judges 产业活动单位 and 个体经营户 as well as 法人单位.

const legalOnly: ThresholdRule['unitKinds'] = ['legal'];
const anyUnit: ThresholdRule['unitKinds'] = ['legal', 'establishment', 'individual'];
const revenue = (id: string, matches: string[], measure: 'mainRevenue' | 'revenue', minRevenue: number, zh: string, en: string, unitKinds = legalOnly): ThresholdRule => ({
  id,
  matches,
  kind: 'revenue',
  measure,
  minRevenue,
  minInvestment: null,
  unitKinds,
  zh,
  en,
});

export const thresholdTable: ThresholdTable = {
  version: '2023.2',
  year: 2023,
  source:
    '国家统计局 规模以上工业(主营业务收入2000万元, 2011起)、批零住餐限额以上(主营业务收入; 含产业活动单位和个体经营户)、规模以上服务业(营业收入)统计报表制度的起点标准; 建筑业为本地注册、有总承包或专业承包资质的建筑业企业(劳务分包、专业作业不计); 房地产开发经营为有开发经营活动的全部单位; 其他有计划总投资5000万元及以上在建项目的法人单位 (《统计单位入库指引》“五类单位”; check: 各服务业门类/大类归档以当年《统计调查制度》为准)',
  rules: [
    revenue('industry', ['B', 'C', 'D'], 'mainRevenue', 20_000, '规模以上工业：主营业务收入2000万元及以上', 'Industry: main business revenue ≥ 20 m yuan'),
    {
      id: 'construction',
      matches: ['E'],
      kind: 'qualification',
      measure: null,
      minRevenue: null,
      minInvestment: null,
      unitKinds: legalOnly,
      zh: '建筑业：本地注册、有总承包或专业承包资质的建筑业企业（劳务、专业作业不计）',
      en: 'Construction: locally registered, with a general or specialty contracting qualification (labour and specialist work do not count)',
    },
    revenue('wholesale', ['51'], 'mainRevenue', 20_000, '限额以上批发业：主营业务收入2000万元及以上', 'Wholesale: main business revenue ≥ 20 m yuan', anyUnit),
    revenue('retail', ['52'], 'mainRevenue', 5_000, '限额以上零售业：主营业务收入500万元及以上', 'Retail: main business revenue ≥ 5 m yuan', anyUnit),
    revenue('accommodation', ['61'], 'mainRevenue', 2_000, '限额以上住宿业：主营业务收入200万元及以上', 'Accommodation: main business revenue ≥ 2 m yuan', anyUnit),
    revenue('catering', ['62'], 'mainRevenue', 2_000, '限额以上餐饮业：主营业务收入200万元及以上', 'Catering: main business revenue ≥ 2 m yuan', anyUnit),
    {
      id: 'realEstateDevelopment',
      matches: ['7010'],
      kind: 'activity',
      measure: null,
      minRevenue: null,
      minInvestment: null,
      unitKinds: legalOnly,
      zh: '房地产开发经营：有开发经营活动的全部单位',
      en: 'Real-estate development: any unit with development activity',
    },
    revenue(
      'services20m',
      ['G', 'I', 'N', '84'],
      'revenue',
      20_000,
      '规模以上服务业（交通运输仓储邮政、信息技术、水利环境公共设施、卫生）：营业收入2000万元及以上',
      'Services (transport, storage and post; IT; water and environment; health): operating revenue ≥ 20 m yuan',
    ),
    revenue(
      'services10m',
      ['L', 'M', 'P', '7020', '7030', '7040', '7090'],
      'revenue',
      10_000,
      '规模以上服务业（租赁商务、科研技术、教育、物业管理、房地产中介和租赁）：营业收入1000万元及以上',
      'Services (leasing and business; R&D and technical; education; property management; real-estate agency and leasing): operating revenue ≥ 10 m yuan',
    ),
    revenue(
      'services5m',
      ['O', 'R', '85'],
      'revenue',
      5_000,
      '规模以上服务业（居民服务修理、文化体育娱乐、社会工作）：营业收入500万元及以上',
      'Services (resident services and repair; culture, sport and entertainment; social work): operating revenue ≥ 5 m yuan',
    ),
    {
      id: 'investmentProject',
      matches: [],
      kind: 'investment',
      measure: null,
      minRevenue: null,
      minInvestment: 50_000,
      unitKinds: legalOnly,
      zh: '其他有计划总投资5000万元及以上在建项目的法人单位',
      en: 'Any other legal unit with a project under construction of planned total investment ≥ 50 m yuan',
    },
  ],
};
