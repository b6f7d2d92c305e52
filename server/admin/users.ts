import { Role, Username } from '@shared/sync/api';
import { hashPassword, passwordProblem } from '../auth/password';
import { type DeviceRecord, type ServerStore, StoreConflictError, type UserRecord } from '../store/types';

// Account administration, shared by the admin CLI and tests: every check here runs
// before anything is written, and every failure is an AdminError with a message for the CLI.

export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

/** 6 county, 9 township, 12 普查区, 15 普查小区 digits (统计用区划代码 + sequence). */
export const AREA_PREFIX = /^(\d{6}|\d{9}|\d{12}|\d{15})$/;

const nowIso = (): string => new Date().toISOString();

async function userNamed(store: ServerStore, username: string): Promise<UserRecord> {
  const user = await store.findUserByUsername(username.toLowerCase());
  if (!user) throw new AdminError(`没有用户 ${username} / no user ${username}`);
  return user;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AdminError(problem);
}

export async function addUser(
  store: ServerStore,
  input: { username: string; name: string; role: string; password: string },
): Promise<UserRecord> {
  const username = Username.safeParse(input.username);
  if (!username.success) throw new AdminError('用户名只能含字母、数字和 _.-（2–40 位）/ username: 2–40 of A-Z a-z 0-9 _ . -');
  const role = Role.safeParse(input.role);
  if (!role.success) throw new AdminError(`角色须为 ${Role.options.join(' | ')} / --role must be one of them`);
  const name = input.name.trim();
  if (name === '' || name.length > 100) throw new AdminError('请用 --name 给出姓名 / --name is required (≤ 100 chars)');
  checkPassword(input.password);
  try {
    return await store.createUser(
      { username: username.data.toLowerCase(), name, role: role.data, passwordHash: await hashPassword(input.password) },
      nowIso(),
    );
  } catch (e) {
    if (e instanceof StoreConflictError) throw new AdminError(`用户 ${input.username} 已存在 / user exists`);
    throw e;
  }
}

/** Sets a new password and ends every session of the user's devices (they sign in again with it). */
export async function setPassword(store: ServerStore, username: string, password: string): Promise<void> {
  const user = await userNamed(store, username);
  checkPassword(password);
  await store.setPasswordHash(user.id, await hashPassword(password), nowIso());
}

function checkPrefixes(prefixes: readonly string[]): void {
  if (prefixes.length === 0) throw new AdminError('至少给出一个区域代码 / give at least one area prefix');
  const bad = prefixes.filter((p) => !AREA_PREFIX.test(p));
  if (bad.length > 0) {
    throw new AdminError(`区域代码须为 6/9/12/15 位数字 / area prefixes must be 6, 9, 12 or 15 digits: ${bad.join(', ')}`);
  }
}

export async function assign(store: ServerStore, username: string, prefixes: readonly string[]): Promise<string[]> {
  const user = await userNamed(store, username);
  checkPrefixes(prefixes);
  return store.assign(user.id, prefixes, nowIso());
}

export async function unassign(store: ServerStore, username: string, prefixes: readonly string[]): Promise<string[]> {
  const user = await userNamed(store, username);
  checkPrefixes(prefixes);
  return store.unassign(user.id, prefixes);
}

export interface UserListing {
  user: UserRecord;
  prefixes: string[];
  devices: number;
}

export async function listUsers(store: ServerStore): Promise<UserListing[]> {
  const users = await store.listUsers();
  const devices = await store.listDevices();
  return Promise.all(
    users.map(async (user) => ({
      user,
      prefixes: await store.prefixesOf(user.id),
      devices: devices.filter((d) => d.userId === user.id).length,
    })),
  );
}

export async function listDevices(store: ServerStore, username?: string): Promise<(DeviceRecord & { username: string })[]> {
  const users = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
  const userId = username === undefined ? undefined : (await userNamed(store, username)).id;
  return (await store.listDevices(userId)).map((d) => ({ ...d, username: users.get(d.userId) ?? d.userId }));
}

export async function revokeDevice(store: ServerStore, deviceId: string): Promise<void> {
  if (!(await store.revokeDevice(deviceId, nowIso()))) throw new AdminError(`没有设备 ${deviceId} / no device ${deviceId}`);
}
