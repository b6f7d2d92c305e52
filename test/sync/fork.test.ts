import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '@main/ipc/dispatch';
import { findChainBreak } from '@main/sync/chain';
import { decideFork } from '@server/admin/forks';
import { openXlsx } from '../directory/helpers';
import { httpTransport, type HttpRequest } from '@main/sync/transport';
import { refsOf } from '@shared/forms';
import { builtinPack } from '@shared/packs/builtin';
import type { Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { Op } from '@shared/sync/protocol';
import { createUnit, editItem, newUnit, readContent } from './helpers';
import { visibleUnits, World, type Client } from './world';

// A laptop whose store is rolled back (restored from a copy of its folder, or a power cut that
// lost its last commits) reuses sequence numbers the server already holds for its device: the
// two op chains part. The server refuses the laptop's new ops (CHAIN_BROKEN); the laptop must
// keep them, say so, and never report itself synced.

let world: World;
beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
  await world.user('bureau01', 'admin', []);
});

/** A laptop whose store was put back to a copy taken after its first sync; it then records `after`. */
async function forkedLaptop(after: (c: Client) => void): Promise<Client> {
  const a = await world.client('a', 'enum01');
  createUnit(a.core.db, 'unit-fork-0001', newUnit({ name: '中卫市宏达商贸有限公司' }));
  await a.sync();
  const copy = a.copyStore();
  createUnit(a.core.db, 'unit-fork-0002', newUnit({ name: '中卫市黄河建材有限公司' }));
  await a.sync();
  a.restoreStore(copy);
  after(a);
  await a.core.sync.engine.sync('manual');
  return a;
}
afterEach(async () => world.close());

const outboxSeqs = (c: { core: { sqlite: { prepare(sql: string): { all(): unknown[] } } } }) =>
  (c.core.sqlite.prepare('SELECT seq, status FROM sync_outbox ORDER BY seq').all() as { seq: number; status: string }[]);

describe('a laptop rolled back to an earlier copy of its store', () => {
  it('keeps the op the server refused, reports the fork, and never reports synced', async () => {
    const a = await world.client('a', 'enum01');
    createUnit(a.core.db, 'unit-fork-0001', newUnit({ name: '中卫市宏达商贸有限公司' }));
    await a.sync();
    // The app is closed and its folder copied (a backup); work goes on and is synced.
    const copy = a.copyStore();
    createUnit(a.core.db, 'unit-fork-0002', newUnit({ name: '中卫市黄河建材有限公司' }));
    await a.sync();
    // The copy is put back: the store no longer knows of seq 2, which the server holds.
    a.restoreStore(copy);
    createUnit(a.core.db, 'unit-fork-0003', newUnit({ name: '中卫市沙坡头酒店' }));
    expect(outboxSeqs(a)).toEqual([{ seq: 2, status: 'pending' }]);

    await a.core.sync.engine.sync('manual');
    await a.core.sync.engine.sync('manual');
    const status = a.core.sync.status();
    // Not "synced, 0 pending": the new unit's op is still here, waiting, and the fork is shown.
    expect(outboxSeqs(a)).toEqual([{ seq: 2, status: 'pending' }]);
    expect(status.pending).toBe(1);
    expect(status.fork).toMatchObject({ seq: 2, unsent: 1 });
    expect(status.lastError?.code).toBe('CHAIN_BROKEN');
    // Pulling goes on: the unit synced after the copy was taken comes back to this laptop.
    expect(Object.keys(visibleUnits(a.core))).toEqual(['unit-fork-0001', 'unit-fork-0002', 'unit-fork-0003']);
    // The server stored nothing of the new chain.
    expect((await world.server.store.lastOp(a.core.sync.engine.deviceId)).seq).toBe(2);
  });
});

describe('export of the unsent changes', () => {
  it('saves the signed ops as JSON and a readable XLSX summary, deleting nothing', async () => {
    const a = await forkedLaptop((c) => createUnit(c.core.db, 'unit-fork-0003', newUnit({ name: '中卫市沙坡头酒店' })));
    editItem(a.core.db, 'unit-fork-0001', '611', 'employees', 40);
    const res = (await dispatch(a.core.handlers, 'sync:exportUnsent', undefined, { shell: 'web' })) as Result<Output<'sync:exportUnsent'>>;
    if (!res.ok) throw new Error(res.error.message);
    const [json, xlsx] = res.value;
    expect(json?.fileName).toMatch(/\.json$/);
    expect(xlsx?.fileName).toMatch(/\.xlsx$/);
    const doc = JSON.parse(Buffer.from(json?.contentBase64 ?? '', 'base64').toString('utf8')) as { ops: Op[]; fork: { seq: number } };
    expect(doc.fork.seq).toBe(2);
    expect(doc.ops.map((o) => [o.seq, o.field])).toEqual([
      [2, '$create'],
      [3, '611.employees'],
    ]);
    // Exactly as signed: the chain checks out.
    expect(findChainBreak(doc.ops, doc.ops[0]?.prevHash ?? '')).toBeNull();
    const wb = await openXlsx(xlsx?.contentBase64 ?? '');
    const text = JSON.stringify(wb.worksheets[0]?.getSheetValues());
    const employees = refsOf(builtinPack().form('611')!).get('employees')?.item.labelZh ?? 'employees';
    for (const expected of ['中卫市沙坡头酒店', '新建单位', employees, '40', '中卫市宏达商贸有限公司']) expect(text).toContain(expected);
    // Nothing left the outbox, and the step is logged.
    expect(a.core.sync.status().pending).toBe(2);
    expect(a.core.sync.log().map((l) => l.trigger)).toContain('export');
  });
});

describe('recovery on a new chain branch', () => {
  it('asks the bureau, waits for its approval, then re-signs the unsent ops on a new device and pushes them', async () => {
    const a = await forkedLaptop((c) => createUnit(c.core.db, 'unit-fork-0003', newUnit({ name: '中卫市沙坡头酒店' })));
    const oldDevice = a.core.sync.engine.deviceId;
    // Work goes on while forked: an edit of a synced unit waits with the rest.
    editItem(a.core.db, 'unit-fork-0001', '611', 'employees', 40);
    expect(a.core.sync.status().fork).toMatchObject({ seq: 2, unsent: 2, request: null });

    const asked = await a.core.sync.engine.requestBranch();
    const request = asked.fork?.request;
    expect(request).toMatchObject({ status: 'pending' });
    if (!request) throw new Error('no request');
    // Asking again answers the same request.
    expect((await a.core.sync.engine.requestBranch()).fork?.request?.id).toBe(request.id);
    // Not approved yet: still forked, nothing pushed.
    expect(await a.core.sync.engine.sync('manual')).toBeNull();
    expect(a.core.sync.status().fork?.request?.status).toBe('pending');

    const pending = await world.server.store.listForkRequests('pending');
    expect(pending.map((r) => [r.id, r.deviceId, r.forkSeq, r.serverSeq, r.pending])).toEqual([[request.id, oldDevice, 2, 2, 2]]);
    await decideFork(world.server.store, request.id, 'approved', 'bureau01');
    await a.sync();

    const status = a.core.sync.status();
    expect(status.fork).toBeNull();
    expect(status.pending).toBe(0);
    expect(status.lastError).toBeNull();
    expect(a.core.sync.engine.deviceId).toBe(request.newDeviceId);
    // The new chain starts at 1 and holds both changes; the old device keeps its registration.
    expect(await world.server.store.lastOp(request.newDeviceId)).toMatchObject({ seq: 2 });
    expect((await world.server.store.findDevice(oldDevice))?.revokedAt).toBeNull();
    expect((await world.server.store.findForkRequest(request.id))?.status).toBe('completed');
    // Every unit reaches the supervisor, with the edit made while forked.
    const s = await world.client('s', 'super01');
    await s.sync();
    expect(Object.keys(visibleUnits(s.core))).toEqual(['unit-fork-0001', 'unit-fork-0002', 'unit-fork-0003']);
    expect(JSON.parse(readContent(s.core.db, 'unit-fork-0001')?.data ?? '{}')).toMatchObject({ '611': { employees: 40 } });
    expect(visibleUnits(s.core)).toEqual(visibleUnits(a.core));
    // The log tells the story, attributed.
    const steps = a.core.sync.log().map((l) => l.trigger);
    expect(steps).toEqual(expect.arrayContaining(['fork', 'fork-request', 'fork-decided', 'branch']));
    // And the branch keeps working afterwards.
    editItem(a.core.db, 'unit-fork-0003', '611', 'employees', 5);
    await a.sync();
    await s.sync();
    expect(visibleUnits(s.core)).toEqual(visibleUnits(a.core));
  });

  it('takes the branch tokens again when the first answer was lost, and moves once', async () => {
    let dropBranchAnswers = 1;
    const inner = httpTransport();
    const transport = async (req: HttpRequest) => {
      const res = await inner(req);
      if (req.url.endsWith('/auth/branch') && dropBranchAnswers > 0) {
        dropBranchAnswers -= 1;
        throw new Error('fault: connection reset mid-response');
      }
      return res;
    };
    const a = await world.client('a', 'enum01', transport);
    createUnit(a.core.db, 'unit-fork-0001', newUnit({ name: '中卫市宏达商贸有限公司' }));
    await a.sync();
    const copy = a.copyStore();
    createUnit(a.core.db, 'unit-fork-0002', newUnit({ name: '中卫市黄河建材有限公司' }));
    await a.sync();
    a.restoreStore(copy);
    createUnit(a.core.db, 'unit-fork-0003', newUnit({ name: '中卫市沙坡头酒店' }));
    await a.core.sync.engine.sync('manual');
    const request = (await a.core.sync.engine.requestBranch()).fork?.request;
    if (!request) throw new Error('no request');
    await decideFork(world.server.store, request.id, 'approved', 'bureau01');
    // The server handed out tokens, the answer never arrived: nothing moved here.
    expect(await a.core.sync.engine.sync('manual')).toBeNull();
    expect(a.core.sync.status().fork?.unsent).toBe(1);
    expect((await world.server.store.findForkRequest(request.id))?.status).toBe('completed');
    await a.sync();
    expect(a.core.sync.status()).toMatchObject({ fork: null, pending: 0 });
    expect(a.core.sync.engine.deviceId).toBe(request.newDeviceId);
    expect(await world.server.store.lastOp(request.newDeviceId)).toMatchObject({ seq: 1 });
  });

  it('stays forked, keeping every change, when the bureau declines', async () => {
    const a = await forkedLaptop((c) => createUnit(c.core.db, 'unit-fork-0003', newUnit({ name: '中卫市沙坡头酒店' })));
    const request = (await a.core.sync.engine.requestBranch()).fork?.request;
    if (!request) throw new Error('no request');
    await decideFork(world.server.store, request.id, 'declined', 'bureau01');
    expect(await a.core.sync.engine.sync('manual')).toBeNull();
    const status = a.core.sync.status();
    expect(status.fork).toMatchObject({ unsent: 1, request: { status: 'declined', decidedBy: 'bureau01' } });
    expect(status.lastError?.code).toBe('CHAIN_BROKEN');
    // It may ask again (a new request).
    const again = (await a.core.sync.engine.requestBranch()).fork?.request;
    expect(again?.status).toBe('pending');
    expect(again?.id).not.toBe(request.id);
  });
});
