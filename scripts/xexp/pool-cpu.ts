import { createPushBodyReader } from '../../server/sync/push-body-pool';
import { createOpTexts, laptopUnits, newChain, pushBodies } from '../bench/lib/laptop-ops';
import { gunzipSync } from 'node:zlib';
const texts = createOpTexts(newChain('dev-abcdefgh', 'user-1'), laptopUnits(0, 500));
const body = gunzipSync(pushBodies('dev-abcdefgh', texts)[0]!);
const by = { userId: 'user-1', role: 'enumerator' as const };
const worker = createPushBodyReader({ threads: 1, inlineBelowBytes: 0 });
const inline = createPushBodyReader({ threads: 0 });
await worker.read(Buffer.from(body), by); // start
for (let r = 0; r < 3; r++) {
  for (const [name, reader] of [['inline', inline], ['worker', worker]] as const) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    for (let i = 0; i < 20; i++) await reader.read(Buffer.from(body), by);
    const c = process.cpuUsage(c0);
    console.log(name, 'per batch: wall', ((performance.now() - t0) / 20).toFixed(1), 'ms, cpu', ((c.user + c.system) / 1000 / 20).toFixed(1), 'ms');
  }
}
await worker.close();
