import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '@main/sync/attachments';
import { httpTransport, type HttpRequest } from '@main/sync/transport';
import { createUnit, newUnit } from './helpers';
import { World } from './world';

// Attachments travel apart from the ops, by hash, in resumable chunks.

let world: World;
afterEach(async () => world.close());

describe('attachments', () => {
  it('upload in chunks, resume after a cut from where the server stopped, and arrive intact', async () => {
    world = new World();
    await world.start();
    await world.user('enum01', 'enumerator', ['640502100001']);
    const inner = httpTransport();
    let puts = 0;
    let sentBytes = 0;
    // Every third chunk is stored by the server but its answer is lost.
    const cutting = async (req: HttpRequest) => {
      const res = await inner(req);
      if (req.method === 'PUT') {
        puts += 1;
        sentBytes += req.body?.byteLength ?? 0;
        if (puts % 3 === 0) throw new Error('fault: connection reset');
      }
      return res;
    };
    const c = await world.client('a', 'enum01', cutting);
    const attachments = c.core.sync.attachments;
    if (!attachments) throw new Error('a file-backed core has an attachment store');
    const photo = randomBytes(CHUNK_BYTES * 4 + 1234);
    const { sha256, size } = attachments.add(photo, 'image/jpeg');
    expect(attachments.add(photo, 'image/jpeg').sha256).toBe(sha256);
    expect(attachments.read(sha256)?.equals(photo)).toBe(true);
    // On disk the file is sealed: no run of the photo's bytes is there in the clear.
    const onDisk = fs.readFileSync(attachments.pathOf(sha256));
    expect(onDisk.includes(photo.subarray(1000, 1064))).toBe(false);
    // An op may name the file before it has arrived.
    createUnit(c.core.db, 'unit-att-001', newUnit({ explanations: JSON.stringify({ 'EVID@611': `营业执照照片 ${sha256}` }) }));

    for (let i = 0; i < 10 && attachments.pending().length > 0; i++) await c.core.sync.engine.sync('manual');
    expect(attachments.pending()).toEqual([]);
    const onServer = fs.readFileSync(path.join(world.dataDir, 'attachments', sha256.slice(0, 2), sha256.slice(2, 4), sha256), { flag: 'r' });
    expect(createHash('sha256').update(onServer).digest('hex')).toBe(sha256);
    expect(onServer.byteLength).toBe(size);
    // Resumed, not restarted: far less than twice the file went up.
    expect(sentBytes).toBeLessThan(size * 1.5);
    expect(c.core.sync.status().pending).toBe(0);
  });

  it('wait on the laptop while the server’s file store is full, and every other change still syncs both ways', async () => {
    world = new World();
    await world.start();
    await world.user('enum01', 'enumerator', ['640502100001']);
    await world.user('enum02', 'enumerator', ['640502100001']);
    const inner = httpTransport();
    let isFull = true;
    let refusedChunks = 0;
    // The bureau's store answers as the server does when its disk or bucket quota is full.
    const fullStore = async (req: HttpRequest) => {
      if (isFull && req.method === 'PUT' && req.url.includes('/attachments/')) {
        refusedChunks += 1;
        const body = { error: { code: 'STORAGE_FULL', message: 'attachment storage is full', retryAfterSeconds: 60 }, serverTime: new Date().toISOString() };
        return { status: 507, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(body)), wireBytes: 100 };
      }
      return inner(req);
    };
    const a = await world.client('a', 'enum01', fullStore);
    const b = await world.client('b', 'enum02');
    const attachments = a.core.sync.attachments;
    if (!attachments) throw new Error('a file-backed core has an attachment store');
    const { sha256 } = attachments.add(randomBytes(CHUNK_BYTES + 10), 'image/jpeg');
    createUnit(a.core.db, 'unit-att-002', newUnit({ explanations: JSON.stringify({ 'EVID@611': `营业执照照片 ${sha256}` }) }));
    createUnit(b.core.db, 'unit-att-003', newUnit());
    await b.sync();

    expect(await a.core.sync.engine.sync('manual')).toBeNull();
    // The run says why the files have not gone, not a generic server error …
    expect(a.core.sync.status().lastError?.code).toBe('STORAGE_FULL');
    expect(refusedChunks).toBeGreaterThan(0);
    expect(attachments.pending().map((p) => p.sha256)).toEqual([sha256]);
    // … while its unit went up and the other laptop's came down.
    expect(a.core.sync.status().pending).toBe(0);
    await b.sync();
    expect(b.core.sqlite.prepare("SELECT count(*) FROM units WHERE id = 'unit-att-002'").pluck().get()).toBe(1);
    expect(a.core.sqlite.prepare("SELECT count(*) FROM units WHERE id = 'unit-att-003'").pluck().get()).toBe(1);

    // Space freed: the next sync sends the file and ends clean.
    isFull = false;
    await a.sync();
    expect(attachments.pending()).toEqual([]);
    expect(a.core.sync.status().lastError).toBeNull();
  });
});
