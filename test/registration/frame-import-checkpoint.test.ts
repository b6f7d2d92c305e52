import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { updateSettings } from '@main/session/settings-queries';
import { IMPORT_PAGE_CACHE_MIB } from '@main/sync/page-cache';
import { randomKey } from '../helpers/store';

// A frame import's transaction writes thousands of pages to the WAL; copying them into the store
// file (the checkpoint, every page decrypted and encrypted again) waits until the import's
// result is on its way, as after a sync (sync/wal.ts), instead of running inside its commit.

let core: Core | null = null;
let dir = '';
afterEach(() => {
  core?.close();
  core = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = '普查小区代码,单位详细名称,统一社会信用代码,详细地址,单位类型,行业代码,上年营业收入（千元）,上年从业人员';
const ROWS = 1_500;
const csv = [HEADER, ...Array.from({ length: ROWS }, (_, i) => `640502100201${String(1 + (i % 9)).padStart(3, '0')},沙坡头区第${i + 1}号个体经营店,,滨河镇文昌路${i + 1}号,个体户,6210,,`)].join('\r\n');

function openCore(): { core: Core; dbPath: string } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-frame-wal-'));
  const dbPath = path.join(dir, 'census.db');
  core = createCore({ dbPath, key: randomKey(), shell: 'web', appVersion: '0.9.0' });
  core.sync.stop();
  return { core, dbPath };
}

describe('frame import and the checkpoint', () => {
  it('commits every unit and op, and copies the WAL into the store file only after the result', async () => {
    const { core, dbPath } = openCore();
    updateSettings(core.db, { userName: '王小明', deviceName: '平板01', regionCode: '640502' });
    core.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const autoBefore = core.sqlite.pragma('wal_autocheckpoint', { simple: true });
    const storeBytes = fs.statSync(dbPath).size;

    const result = await dispatch(core.handlers, 'frame:import', { fileName: '底册.csv', contentBase64: Buffer.from(csv).toString('base64') }, { shell: 'web' });
    expect(result).toMatchObject({ ok: true, value: { imported: ROWS } });
    // Committed (the WAL is durable at commit) but not yet copied: the store file has not grown.
    const count = (sql: string) => core.sqlite.prepare(sql).pluck().get();
    expect(count("SELECT count(*) FROM units WHERE source = 'frame'")).toBe(ROWS);
    expect(count("SELECT count(*) FROM sync_outbox WHERE field = '$create'")).toBe(ROWS);
    expect(fs.statSync(`${dbPath}-wal`).size).toBeGreaterThan(4096 * 1_000);
    expect(fs.statSync(dbPath).size).toBe(storeBytes);
    expect(core.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(autoBefore);

    await core.sync.engine.settled();
    expect(fs.statSync(dbPath).size).toBeGreaterThan(storeBytes + 4096 * 1_000);
  });

  it('runs the write with a larger page cache and gives it back after, failed or not', () => {
    const { core } = openCore();
    const cacheSize = () => core.sqlite.pragma('cache_size', { simple: true });
    const before = cacheSize();
    expect(core.sync.engine.bulkWrite(() => cacheSize())).toBe(-IMPORT_PAGE_CACHE_MIB * 1024);
    expect(cacheSize()).toBe(before);
    expect(() =>
      core.sync.engine.bulkWrite(() => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(cacheSize()).toBe(before);
    expect(core.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(0);
  });
});
