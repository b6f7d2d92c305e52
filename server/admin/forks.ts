import type { ForkRequestRecord, ServerStore } from '../store/types';
import { AdminError } from './users';

// The bureau's side of a forked laptop chain (shared/sync/fork.ts): list the requests, approve
// or decline one. A decision names the admin who made it (`--by`), kept with the request.

export interface ForkListing extends ForkRequestRecord {
  username: string;
  deviceName: string;
  /** When the old device last reached the server. */
  deviceLastSeenAt: string;
}

export async function listForks(store: ServerStore, all: boolean): Promise<ForkListing[]> {
  const users = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
  const requests = await store.listForkRequests(all ? undefined : 'pending');
  return Promise.all(
    requests.map(async (r) => {
      const device = await store.findDevice(r.deviceId);
      return { ...r, username: users.get(r.userId) ?? r.userId, deviceName: device?.name ?? '', deviceLastSeenAt: device?.lastSeenAt ?? '' };
    }),
  );
}

async function adminNamed(store: ServerStore, username: string | undefined): Promise<string> {
  if (username === undefined || username.trim() === '') {
    throw new AdminError('请用 --by 给出作出决定的管理员用户名 / give --by <admin username>: the decision is recorded under that name');
  }
  const user = await store.findUserByUsername(username.trim().toLowerCase());
  if (!user || user.role !== 'admin') throw new AdminError(`${username} 不是管理员用户 / ${username} is not an admin user`);
  return user.username;
}

export async function decideFork(
  store: ServerStore,
  id: string,
  decision: 'approved' | 'declined',
  by: string | undefined,
  at: string = new Date().toISOString(),
): Promise<ForkRequestRecord> {
  const admin = await adminNamed(store, by);
  const request = await store.findForkRequest(id);
  if (!request) throw new AdminError(`没有申请 ${id} / no fork request ${id}`);
  if (request.status !== 'pending') throw new AdminError(`申请 ${id} 已是 ${request.status} / request ${id} is already ${request.status}`);
  const decided = await store.decideForkRequest(id, decision, admin, at);
  if (!decided) throw new AdminError(`申请 ${id} 已被处理 / request ${id} was decided meanwhile`);
  return decided;
}
