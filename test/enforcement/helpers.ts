import { updateSettings } from '@main/session/settings-queries';
import { writeState } from '@main/sync/queries/state';
import type { Input } from '@shared/ipc/contract';
import { addEnterprise, directoryStore, type DirectoryStore } from '../directory/helpers';

// A store with the real handler table, signed in as the bureau (区统计局, the role holding
// 'enforce.manage'), with enterprises and an inspector roster to draw from.

export function enforcementStore(opts: { now?: () => Date; role?: string } = {}): DirectoryStore {
  const s = directoryStore(opts);
  updateSettings(s.db, { regionCode: '640502' });
  writeState(s.db, 'userRole', opts.role ?? 'admin');
  writeState(s.db, 'userId', 'u-bureau');
  writeState(s.db, 'userName', '马局');
  return s;
}

export const card = (n: number, over: Partial<Input<'enforce:inspectorAdd'>> = {}): Input<'enforce:inspectorAdd'> => ({
  name: ['张三', '李四', '王五', '赵六'][n] ?? `人员${n}`,
  certNo: `NX64050200${n}`,
  validFrom: '2023-01-01',
  validTo: '2027-12-31',
  unit: '沙坡头区统计局',
  ...over,
});

/** Three enterprises; the first one's 包保责任人 is 张三 (typed with a space, as people do). */
export async function threeEnterprises(s: DirectoryStore) {
  const a = await addEnterprise(s, '901', { name: '中卫市金沙商贸有限公司', liaison: '张 三' });
  const b = await addEnterprise(s, '902', { name: '中卫市宏达建材有限公司', liaison: '李娜' });
  const c = await addEnterprise(s, '903', { name: '中卫市沙坡头餐饮有限公司', liaison: '' });
  return [a, b, c] as const;
}
