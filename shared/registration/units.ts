import { z } from 'zod';

// Registration workflow states. Stored as these English keys; the UI shows
// 未开始 / 草稿 / 已完成 / 已提交 / 退回 / 已通过 / 找不到 / 已验收 (accepted: the
// bureau's acceptance after the supervisor's approval) / 非普查对象 (out_of_scope: found, but
// not a 普查对象, e.g. founded after the census reference date; set aside like 找不到, with its
// reason, and counted on its own).
export const unitStatuses = [
  'not_started',
  'draft',
  'completed',
  'submitted',
  'returned',
  'approved',
  'not_found',
  'accepted',
  'out_of_scope',
] as const;
export const UnitStatus = z.enum(unitStatuses);
export type UnitStatus = z.infer<typeof UnitStatus>;

// 法人单位 / 产业活动单位 / 个体经营户
export const unitKinds = ['legal', 'establishment', 'individual'] as const;
export const UnitKind = z.enum(unitKinds);
export type UnitKind = z.infer<typeof UnitKind>;
