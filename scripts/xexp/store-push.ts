import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openSqliteStore } from '@server/store/sqlite/store';
import { readPushBody } from '@server/sync/push-body';
import { createOpTexts, laptopUnits, newChain, pushBodies } from '../bench/lib/laptop-ops';
const N = Number(process.env.N ?? 50);
const laptops = Array.from({ length: N }, (_, i) => {
  const dev = `dev-${String(i).padStart(8, '0')}`;
  const user = `user-${i}`;
  const bodies = pushBodies(dev, createOpTexts(newChain(dev, user), laptopUnits(i, 500))).map((b) => gunzipSync(b));
  return { dev, user, reqs: bodies.map((b) => { const r = readPushBody(b, { userId: user, role: 'enumerator' }); if (!r.ok) throw new Error(r.message); return r; }) };
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xexp-'));
const store = openSqliteStore(path.join(dir, 'server.db'));
const sqlite = (store as unknown as { sqlite?: unknown }).sqlite;
const at = new Date().toISOString();
const c0 = process.cpuUsage(); const t0 = performance.now();
await Promise.all(laptops.map(async (l) => {
  for (const r of l.reqs) {
    const res = await store.push({ userId: l.user, role: 'enumerator', deviceId: l.dev, scope: { isAll: true }, receivedAt: at }, r.request.ops, r.checks);
    if (res.halted || res.rejected.length) throw new Error(JSON.stringify(res).slice(0, 300));
  }
}));
const ms = performance.now() - t0; const c = process.cpuUsage(c0);
const ops = N * 500;
console.log(`page_size=${process.env.XPAGE ?? 'default'} ops=${ops} wall=${ms.toFixed(0)}ms ${(ops / ms * 1000).toFixed(0)} ops/s cpu=${((c.user + c.system) / ops).toFixed(1)}us/op user=${(c.user/ops).toFixed(1)} sys=${(c.system/ops).toFixed(1)} db=${(fs.statSync(path.join(dir, 'server.db')).size / 1e6).toFixed(0)}MB wal=${(fs.statSync(path.join(dir, 'server.db-wal')).size / 1e6).toFixed(0)}MB`);
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
void sqlite;
