import { z } from 'zod';
import { roles } from '../sync/api';

// Who may do what. The role comes from the last server login (the server's account
// table is the authority); a laptop that never logged in works as 'local': it may register
// units, which is what an enumerator does offline, and nothing that needs a server role.
// Main checks these before it writes; the server checks the same rules per op (FORBIDDEN).

export const sessionRoles = [...roles, 'local'] as const;
export const SessionRole = z.enum(sessionRoles);
export type SessionRole = z.infer<typeof SessionRole>;

export const permissions = [
  'units.edit', // create, fill in, submit, mark not found (普查员 work)
  'review.answer', // answer a reviewer's comment on a returned unit
  'review.supervise', // the supervisor's queue: approve or return submitted units (普查指导员审核)
  'review.accept', // the bureau's acceptance 验收 of approved units (and sending them back)
  'review.codeIndustry', // code 行业代码 from 主要业务活动 during review (office coding)
  'conflicts.resolve', // choose the value of a same-field conflict
  'progress.view',
  'reports.export',
  'forms.publish', // publish a form pack to every laptop (区统计局 only)
  // The record of interference in statistical work (领导干部干预统计工作记录): the bureau's
  // leadership (局领导) only. Reading and recording are one right: whoever keeps the register
  // sees it, nobody else does (the server sends it to no other role).
  'interference.keep',
  'verify.work', // carry out 核查 tasks: check, record figures, conclude, sign, verify a 退库
  'verify.manage', // the bureau's part: create and assign 核查 tasks, reopen, approve and carry out a 退库
  'enforce.manage', // 统计执法: the inspector roster, published draws with inspectors, cases (区统计局 only)
  'liaison.assign', // assign enterprises to their 包保责任人 (乡镇统计员, 区统计局)
  'training.record', // record and edit training sessions (培训)
  'reconcile.manage', // 快报衔接: import the annual/快报 figures, read the gap table, explain its gaps (区统计局)
  'analysis.targets', // set the yearly growth targets of the economic analysis (区统计局 only)
] as const;
export const Permission = z.enum(permissions);
export type Permission = z.infer<typeof Permission>;

const rights: Record<SessionRole, readonly Permission[]> = {
  local: ['units.edit', 'review.answer', 'progress.view'],
  enumerator: ['units.edit', 'review.answer', 'progress.view'],
  supervisor: ['units.edit', 'review.answer', 'review.supervise', 'review.codeIndustry', 'conflicts.resolve', 'progress.view', 'reports.export', 'training.record'],
  township: ['units.edit', 'review.answer', 'conflicts.resolve', 'progress.view', 'reports.export', 'verify.work', 'liaison.assign', 'training.record'],
  // The bureau (区统计局) runs the server: it may also act as a supervisor.
  admin: [
    'units.edit',
    'review.answer',
    'review.supervise',
    'review.accept',
    'review.codeIndustry',
    'conflicts.resolve',
    'progress.view',
    'reports.export',
    'forms.publish',
    'verify.work',
    'verify.manage',
    'enforce.manage',
    'liaison.assign',
    'training.record',
    'reconcile.manage',
    'analysis.targets',
  ],
  // The bureau's leadership reads progress and reports and keeps the interference register; it
  // does not register, review or resolve (the bureau's staff do, as 'admin').
  leader: ['progress.view', 'reports.export', 'interference.keep'],
};

export function permissionsOf(role: SessionRole): Permission[] {
  return [...rights[role]];
}

export function can(role: SessionRole, permission: Permission): boolean {
  return rights[role].includes(permission);
}

/** Role names as people read them; the renderer has its own i18n keys, this is for files and logs. */
export const roleLabels: Record<SessionRole, { zh: string; en: string }> = {
  enumerator: { zh: '普查员', en: 'Enumerator' },
  supervisor: { zh: '普查指导员', en: 'Supervisor' },
  township: { zh: '乡镇统计员', en: 'Township staff' },
  admin: { zh: '区统计局', en: 'District bureau' },
  leader: { zh: '局领导', en: 'Bureau leadership' },
  local: { zh: '本机用户（未登录）', en: 'Local user (not signed in)' },
};

/** Who am I: answered by `session:role`. */
export const Session = z.object({
  role: SessionRole,
  /** True before any server login on this store: the least-privileged 'local' role. */
  isLocal: z.boolean(),
  /** The server account id (null when local). */
  userId: z.string().nullable(),
  /** The name changes are attributed to: the server's name for the account, else the profile name. */
  userName: z.string(),
  /** Signed in now (a refresh token is held); the role stays that of the last login when signed out. */
  isSignedIn: z.boolean(),
  serverUrl: z.string(),
  /** Area prefixes the server assigned at the last sync (['']: everything, for the bureau). */
  scope: z.array(z.string()),
  permissions: z.array(Permission),
  /** When the role was last confirmed by the server (login or token refresh). */
  roleConfirmedAt: z.string().nullable(),
});
export type Session = z.infer<typeof Session>;
