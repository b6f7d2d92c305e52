import type { InterferenceManner, InterferenceResponse } from './entry';

// Chinese names of the register's codes for files (the XLSX export); the screen has its own
// i18n keys (interference.manners.*, interference.responses.*).

export const mannerZh: Record<InterferenceManner, string> = {
  oral: '当面口头',
  phone: '电话',
  written: '书面（批示、函件）',
  message: '短信、微信等',
  meeting: '会议',
  other: '其他',
};

export const responseZh: Record<InterferenceResponse, string> = {
  refused: '拒绝',
  reported: '拒绝并报告',
  other: '其他',
};
