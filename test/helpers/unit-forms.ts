// A 个体经营户 form that passes every edit rule (nothing to explain), so a test can submit it
// and go on to review. The division code is the 普查区 of the sub-district unless given.
export const passingIndividualForm = (name: string, areaCode: string, opts: { divisionCode?: string; filler?: string } = {}) => ({
  individual: {
    areaCode,
    name,
    operatorName: '王建国',
    hasLicence: false,
    openedYm: '2018-05',
    operatingStatus: '1',
    addrProvince: '宁夏回族自治区',
    addrCity: '中卫市',
    addrCounty: '沙坡头区',
    addrTownship: '滨河镇',
    addrDetail: '文昌南街12号',
    divisionCode: opts.divisionCode ?? areaCode.slice(0, 12),
    premises: '1',
    phoneMobile: '13909551234',
    activity1: '烧烤餐饮服务',
    industryCode: '6210',
    businessArea: 60,
    employees: 3,
    femaleEmployees: 1,
    revenue: 260,
    filler: opts.filler ?? '马晓梅',
    filledDate: '2024-03-15',
  },
});
