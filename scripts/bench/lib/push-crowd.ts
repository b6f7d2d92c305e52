import { HintedPush, sendHinted } from './hinted-push';
import { createOpTexts, laptopArea, laptopUnits, newChain } from './laptop-ops';
import { HttpLaptop, type LaptopSession } from './http-laptop';
import type { ServerFleet } from './server-fleet';

// Many devices pushing at once to a fleet of server processes (server-fleet.ts): each device its
// own user and 普查小区, `units` real-shaped units ('$create' ops signed as a laptop signs them,
// gzipped and sized as it sends them, hinted-push.ts) made before timing; device i talks to
// process i mod n as behind a round-robin load balancer. Every op must be stored and applied.

const PASSWORD = 'bench-password-1';

export interface CrowdFigures {
  opsPerS: number;
  /** Every push request's round trip (ms). */
  pushLatencies: number[];
  /** CPU time of all server processes (all their threads) per op stored, µs (the database's not included). */
  serverCpuUsPerOp: number;
  /** CPU time of this (the devices') process per op, µs: the simulated devices share the cores. */
  clientCpuUsPerOp: number;
}

interface Device {
  http: HttpLaptop;
  session: LaptopSession;
  push: HintedPush;
  ops: number;
}

/** Sign-ins at once: each is two scrypt hashes on the server's thread pool (4 threads). */
const SIGN_IN_AT_ONCE = 4;

/** Signs in `count` devices (laptop indexes firstIndex…, distinct areas) and prepares their pushes. */
export async function prepareCrowd(fleet: ServerFleet, count: number, firstIndex: number, units: number, tag: string): Promise<Device[]> {
  const admin = fleet.servers[0];
  if (!admin) throw new Error('no server');
  const devices: Device[] = [];
  const signIn = async (i: number): Promise<void> => {
    const index = firstIndex + i;
    const username = `${tag}-${index}`;
    await admin.addUser({ username, name: `普查员${index}`, role: 'enumerator', password: PASSWORD });
    await admin.assign(username, [laptopArea(index)]);
    const http = new HttpLaptop(fleet.serverFor(i).url);
    const deviceId = `${tag}-device-${String(index).padStart(4, '0')}`;
    try {
      const session = await http.login(username, PASSWORD, deviceId);
      const texts = createOpTexts(newChain(deviceId, session.userId), laptopUnits(index, units, `${tag}${index}`));
      devices.push({ http, session, push: new HintedPush(deviceId, texts), ops: texts.length });
    } catch (e) {
      http.close();
      throw e;
    }
  };
  try {
    for (let i = 0; i < count; i += SIGN_IN_AT_ONCE) {
      // Settled, not raced: a failure closes every connection only once none is still opening.
      const done = await Promise.allSettled(Array.from({ length: Math.min(SIGN_IN_AT_ONCE, count - i) }, (_, j) => signIn(i + j)));
      const failed = done.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (e) {
    for (const d of devices) d.http.close();
    throw e;
  }
  return devices;
}

/** All devices push all their batches at once; closes their connections after. */
export async function pushCrowd(fleet: ServerFleet, devices: readonly Device[]): Promise<CrowdFigures> {
  const cpu = async (): Promise<number> => (await Promise.all(fleet.servers.map((s) => s.cpuTimeMs()))).reduce((a, b) => a + b, 0);
  try {
    const pushLatencies: number[] = [];
    const cpuBefore = await cpu();
    const clientBefore = process.cpuUsage();
    const start = performance.now();
    await Promise.all(devices.map((d) => sendHinted(d.http, d.session, d.push, pushLatencies)));
    const ms = performance.now() - start;
    const ops = devices.reduce((n, d) => n + d.ops, 0);
    const client = process.cpuUsage(clientBefore);
    const serverCpuUsPerOp = (((await cpu()) - cpuBefore) * 1000) / ops;
    return { opsPerS: ops / (ms / 1000), pushLatencies, serverCpuUsPerOp, clientCpuUsPerOp: (client.user + client.system) / ops };
  } finally {
    for (const d of devices) d.http.close();
  }
}
