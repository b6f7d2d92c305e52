import { describe, expect, it } from 'vitest';
import { runAdmin } from '@server/cli/admin';
import { databaseUrlOf } from '../helpers/test-database';
import type { TokenResponse } from '@shared/sync/api';
import type { ForkRequestView } from '@shared/sync/fork';
import { PROTOCOL_VERSION } from '@shared/sync/protocol';
import { AREA_A, call, createUser, Device, withEnumerator } from './helpers';

// The server's side of a forked laptop chain (shared/sync/fork.ts): a laptop asks for a branch
// with its own token, the bureau approves with the admin CLI, the laptop takes tokens for the
// new device (same user, old device not revoked) and its chain starts again from seq 1.

type RequestAnswer = { request: ForkRequestView; error?: { code: string } };

const ask = (d: Device, newDeviceId: string, deviceId = d.deviceId) =>
  call<RequestAnswer>(d.url, 'POST', '/sync/fork-requests', { protocol: PROTOCOL_VERSION, deviceId, newDeviceId, forkSeq: 2, pending: 3 }, { token: d.token });

async function admin(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const url = await databaseUrlOf(dataDir);
  const code = await runAdmin([...argv, '--data', dataDir, ...(url !== undefined ? ['--database', url] : [])], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('fork requests and branches', () => {
  const setup = withEnumerator();

  it('asks, is approved by an admin on the CLI, and hands out tokens for the new device once', async () => {
    const { t, d } = setup;
    await createUser(t.server, 'bureau', 'admin');
    await d.push(d.createUnit('unit-0001', AREA_A));

    const asked = await ask(d, 'laptop-0001-branch');
    expect(asked.status).toBe(200);
    expect(asked.body.request).toMatchObject({ status: 'pending', deviceId: 'laptop-0001', newDeviceId: 'laptop-0001-branch', forkSeq: 2, serverSeq: 2, pending: 3, username: 'wang' });
    const id = asked.body.request.id;
    // Asked again (an answer lost, another new id generated): the same open request.
    expect((await ask(d, 'laptop-0001-other')).body.request).toMatchObject({ id, newDeviceId: 'laptop-0001-branch' });
    // Not approved yet: no tokens.
    expect((await call(d.url, 'POST', '/auth/branch', { requestId: id }, { token: d.token })).status).toBe(403);

    const listed = await admin(t.dataDir, 'forks');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(id);
    expect(listed.out).toContain('laptop-0001-branch');
    // A decision needs an admin's name.
    expect((await admin(t.dataDir, 'approve-fork', id)).code).toBe(1);
    expect((await admin(t.dataDir, 'approve-fork', id, '--by', 'wang')).code).toBe(1);
    const approved = await admin(t.dataDir, 'approve-fork', id, '--by', 'bureau');
    expect(approved.code).toBe(0);
    expect((await admin(t.dataDir, 'approve-fork', id, '--by', 'bureau')).code).toBe(1);
    expect((await call<RequestAnswer>(d.url, 'GET', `/sync/fork-requests/${id}`, undefined, { token: d.token })).body.request).toMatchObject({
      status: 'approved',
      decidedBy: 'bureau',
    });

    const branched = await call<TokenResponse>(d.url, 'POST', '/auth/branch', { requestId: id }, { token: d.token });
    expect(branched.status).toBe(200);
    expect(branched.body).toMatchObject({ deviceId: 'laptop-0001-branch', user: { username: 'wang' } });
    // The branch's chain starts at seq 1 with prevHash ''.
    const b = new Device(d.url, 'laptop-0001-branch');
    b.tokens = branched.body;
    expect((await b.push(b.createUnit('unit-0002', AREA_A))).body).toMatchObject({ ackedSeq: 2, halted: null });
    // The old device still works (a copied folder may be the legitimate twin).
    expect((await t.server.store.findDevice('laptop-0001'))?.revokedAt).toBeNull();
    expect((await d.push([d.op('unit-0001', 'status', 'draft')])).body).toMatchObject({ ackedSeq: 3 });
    // Once the branch has pushed, the request cannot hand out tokens again.
    expect((await t.server.store.findForkRequest(id))?.status).toBe('completed');
    expect((await call(d.url, 'POST', '/auth/branch', { requestId: id }, { token: d.token })).status).toBe(403);
    expect((await admin(t.dataDir, 'forks', '--all')).out).toContain('completed');
  });

  it('answers only the asking device and user, and never for another device', async () => {
    const { t, d } = setup;
    await createUser(t.server, 'li', 'enumerator', [AREA_A]);
    const other = new Device(d.url, 'laptop-0002');
    await other.login('li');
    expect((await ask(d, 'laptop-0001-branch', 'laptop-0002')).body.error?.code).toBe('DEVICE_MISMATCH');
    // A new device id that is registered already is refused.
    expect((await ask(d, 'laptop-0002')).body.error?.code).toBe('DEVICE_IN_USE');
    const id = (await ask(d, 'laptop-0001-branch')).body.request.id;
    expect((await call(d.url, 'GET', `/sync/fork-requests/${id}`, undefined, { token: other.token })).status).toBe(404);
    expect((await call(d.url, 'POST', '/auth/branch', { requestId: id }, { token: other.token })).status).toBe(404);
  });

  it('lets a laptop that lost the branch answer take the tokens again before its branch pushes', async () => {
    const { t, d } = setup;
    await createUser(t.server, 'bureau', 'admin');
    const id = (await ask(d, 'laptop-0001-branch')).body.request.id;
    expect((await admin(t.dataDir, 'approve-fork', id, '--by', 'bureau')).code).toBe(0);
    const first = await call<TokenResponse>(d.url, 'POST', '/auth/branch', { requestId: id }, { token: d.token });
    const again = await call<TokenResponse>(d.url, 'POST', '/auth/branch', { requestId: id }, { token: d.token });
    expect(again.status).toBe(200);
    // The newer refresh token is the device's; the lost one no longer refreshes.
    expect((await call(d.url, 'POST', '/auth/refresh', { refreshToken: again.body.refreshToken })).status).toBe(200);
    expect((await call(d.url, 'POST', '/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
    const declined = await admin(t.dataDir, 'decline-fork', id, '--by', 'bureau');
    expect(declined.code).toBe(1);
  });
});
