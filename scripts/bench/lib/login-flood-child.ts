import { APP_VERSION_HEADER } from '@shared/sync/api';

// Child-process entry of the login-flood bench (forked by login-flood.ts with tsx): the
// attacker, in its own process so its event loop is not the one timing the pulls. argv[2] is
// the server URL, argv[3] the number of connections. Floods failed logins, each attempt from
// another address and for another username, until the parent sends 'stop'; then sends the
// count of answers by HTTP status and exits.

const url = process.argv[2] ?? '';
const connections = Number(process.argv[3] ?? '64');
const headers = { 'content-type': 'application/json', [APP_VERSION_HEADER]: 'bench' };
let isFlooding = true;
let attempt = 0;
const statuses: Record<string, number> = {};

process.on('message', (m) => {
  if (m === 'stop') isFlooding = false;
});

async function connection(): Promise<void> {
  while (isFlooding) {
    attempt += 1;
    try {
      const res = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { ...headers, 'x-forwarded-for': `10.${(attempt >> 16) & 255}.${(attempt >> 8) & 255}.${attempt & 255}` },
        body: JSON.stringify({ username: `flood${attempt}`, password: 'not-the-password', deviceId: 'bench-flood-0001' }),
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    } catch {
      statuses.error = (statuses.error ?? 0) + 1;
    }
  }
}

process.send?.('flooding');
await Promise.all(Array.from({ length: connections }, connection));
process.send?.({ statuses }, () => process.exit(0));
