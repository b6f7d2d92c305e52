import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startHarness } from '../../electron/web/harness';
import { withTempDir } from './lib/temp-dir';
import { timeSamples } from './lib/stats';
import type { Benchmark } from './types';

// The cost the browser harness adds to every call: loopback HTTP, token and schema checks,
// the settings handler and its SQLite read, JSON both ways.
export const ipcRoundTrip: Benchmark = {
  name: 'ipc.settings-get-http',
  description: 'settings:get through the web harness over loopback HTTP (keep-alive)',
  unit: 'ms',
  target: 5,
  better: 'lower',
  run: () =>
    withTempDir('ipc', async (dir) => {
      const harness = await startHarness({
        dataDir: path.join(dir, 'data'),
        key: randomBytes(32).toString('hex'),
        rendererDir: path.join(dir, 'no-renderer'),
      });
      try {
        const url = `${harness.origin}/api/ipc/settings:get`;
        const init = {
          method: 'POST',
          headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
          body: '{}',
        };
        return await timeSamples(
          300,
          async () => {
            const res = await fetch(url, init);
            const body = (await res.json()) as { ok?: boolean };
            if (!body.ok) throw new Error(`settings:get failed: ${JSON.stringify(body)}`);
          },
          30,
        );
      } finally {
        await harness.close();
      }
    }),
};
