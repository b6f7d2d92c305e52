import type { InterferenceCreateValue, InterferenceDraft } from '@shared/interference/entry';

// An entry of the interference register as a leader would type it, and as it travels.

export const COUNTY = '640502';

export const draft = (over: Partial<InterferenceDraft> = {}): InterferenceDraft => ({
  actorName: '李某',
  actorPost: '副镇长',
  actorUnit: '滨河镇人民政府',
  occurredOn: '2026-03-12',
  manner: 'phone',
  indicator: '规模以上工业增加值增速',
  period: '2026年2月',
  subject: '中卫市金沙商贸有限公司',
  request: '要求将该企业2月产值由1,200千元调为1,800千元，以完成增速目标。',
  response: 'reported',
  reportedTo: '区纪委监委',
  responseNote: '当场拒绝，按实际上报。',
  corrects: null,
  correctionReason: '',
  ...over,
});

export const createValue = (over: Partial<InterferenceCreateValue> = {}): InterferenceCreateValue => ({
  areaCode: COUNTY,
  actorName: '李某',
  actorPost: '副镇长',
  actorUnit: '滨河镇人民政府',
  occurredOn: '2026-03-12',
  manner: 'phone',
  indicator: '规模以上工业增加值增速',
  period: '2026年2月',
  subject: '',
  request: '要求调高产值。',
  response: 'refused',
  reportedTo: '',
  responseNote: '',
  corrects: null,
  correctionReason: '',
  recordedAt: '2026-03-12T08:00:00.000Z',
  recordedById: 'u-leader',
  recordedByName: '局长',
  ...over,
});
