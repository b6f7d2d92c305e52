import type { ThresholdTable } from './thresholds';

// 规模以上 / 限额以上 entry thresholds on annual main-business (operating) revenue, in 千元
// (docs/domain.md). Data with a version and a source: a correction is a data change with a new
// version. Rules match by GB/T 4754-2017 section letter, 2-digit division or 4-digit class;
// the most specific match wins (so 7010 房地产开发经营 overrides the rest of division 70).
export const thresholdTable: ThresholdTable = {
  version: '2023.1',
  year: 2023,
  source:
    '国家统计局 规模以上工业(主营业务收入2000万元, 2011起)、批零住餐限额以上、规模以上服务业统计报表制度的起点标准; 建筑业为有资质的建筑业企业, 房地产开发经营为有开发经营活动的全部单位 (check: 各服务业门类/大类归档以当年《统计调查制度》为准)',
  rules: [
    { id: 'industry', matches: ['B', 'C', 'D'], kind: 'revenue', minRevenue: 20_000, zh: '规模以上工业：主营业务收入2000万元及以上', en: 'Industry: main revenue ≥ 20 m yuan' },
    { id: 'construction', matches: ['E'], kind: 'qualification', minRevenue: null, zh: '建筑业：有资质的建筑业企业', en: 'Construction: holds a contracting qualification' },
    { id: 'wholesale', matches: ['51'], kind: 'revenue', minRevenue: 20_000, zh: '限额以上批发业：主营业务收入2000万元及以上', en: 'Wholesale: revenue ≥ 20 m yuan' },
    { id: 'retail', matches: ['52'], kind: 'revenue', minRevenue: 5_000, zh: '限额以上零售业：主营业务收入500万元及以上', en: 'Retail: revenue ≥ 5 m yuan' },
    { id: 'accommodation', matches: ['61'], kind: 'revenue', minRevenue: 2_000, zh: '限额以上住宿业：主营业务收入200万元及以上', en: 'Accommodation: revenue ≥ 2 m yuan' },
    { id: 'catering', matches: ['62'], kind: 'revenue', minRevenue: 2_000, zh: '限额以上餐饮业：主营业务收入200万元及以上', en: 'Catering: revenue ≥ 2 m yuan' },
    { id: 'realEstateDevelopment', matches: ['7010'], kind: 'activity', minRevenue: null, zh: '房地产开发经营：有开发经营活动的全部单位', en: 'Real-estate development: any unit with development activity' },
    {
      id: 'services20m',
      matches: ['G', 'I', 'N', '84'],
      kind: 'revenue',
      minRevenue: 20_000,
      zh: '规模以上服务业（交通运输仓储邮政、信息技术、水利环境公共设施、卫生）：营业收入2000万元及以上',
      en: 'Services (transport, storage and post; IT; water and environment; health): revenue ≥ 20 m yuan',
    },
    {
      id: 'services10m',
      matches: ['L', 'M', 'P', '7020', '7030', '7040', '7090'],
      kind: 'revenue',
      minRevenue: 10_000,
      zh: '规模以上服务业（租赁商务、科研技术、教育、物业管理、房地产中介和租赁）：营业收入1000万元及以上',
      en: 'Services (leasing and business; R&D and technical; education; property management; real-estate agency and leasing): revenue ≥ 10 m yuan',
    },
    {
      id: 'services5m',
      matches: ['O', 'R', '85'],
      kind: 'revenue',
      minRevenue: 5_000,
      zh: '规模以上服务业（居民服务修理、文化体育娱乐、社会工作）：营业收入500万元及以上',
      en: 'Services (resident services and repair; culture, sport and entertainment; social work): revenue ≥ 5 m yuan',
    },
  ],
};
