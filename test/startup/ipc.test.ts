import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeDailyBackup } from '@shared/node/sqlite/backup';
import { runMarkerPath } from '@db/run-marker';
import { createCore } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { createStartup, type Startup } from '@main/startup/startup';
import type { StartupStatus } from '@shared/startup/startup';
import { createTempStore, randomKey, type TempStore } from '../helpers/store';

// Start-up as both shells run it: a store that cannot be opened still serves the start-up
// channels, names what is wrong, lists the backups, and restores one only when asked with the
// user's confirmation, keeping the damaged file (renamed, byte-for-byte) beside the store.

const ctx = { shell: 'web' } as const;
const NOW = new Date('2025-03-02T09:00:00Z');

let store: TempStore;
const startups: Startup[] = [];
afterEach(() => {
  for (const s of startups.splice(0)) s.close();
  store?.dispose();
});

function start(opts: { key?: string; dbPath?: string } = {}): Startup {
  const startup = createStartup({
    dbPath: opts.dbPath ?? store.path,
    key: opts.key ?? store.key,
    shell: 'web',
    appVersion: '0.1.0-test',
    now: () => NOW,
    logFailure: () => {},
  });
  startups.push(startup);
  return startup;
}

const call = (startup: Startup, channel: string, input?: unknown) =>
  dispatch(startup.handlers, channel, input, ctx, { logError: () => {} });

async function statusOf(startup: Startup): Promise<StartupStatus> {
  const result = await call(startup, 'startup:status');
  if (!result.ok) throw new Error(result.error.message);
  return result.value as StartupStatus;
}

const sha = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A store with a user name set, a daily backup of it, then a later change the backup lacks. */
async function storeWithBackup(): Promise<string> {
  store = createTempStore();
  const first = start();
  await call(first, 'settings:update', { userName: '马晓梅' });
  const core = first.core()!;
  const backup = takeDailyBackup(core.sqlite, store.path, path.join(store.dir, 'backups'), new Date('2025-03-01T08:00:00Z'));
  await call(first, 'settings:update', { deviceName: '备份之后' });
  first.close();
  return path.basename(backup!);
}

function flipByte(file: string, offset: number): void {
  const bytes = fs.readFileSync(file);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x10;
  fs.writeFileSync(file, bytes);
}

describe('start-up with a healthy store', () => {
  it('reports ready and refuses recovery, so nothing can move an open store aside', async () => {
    store = createTempStore();
    const startup = start();
    expect(await statusOf(startup)).toEqual({ state: 'ready' });
    const restore = await call(startup, 'startup:restore', { name: 'census-20250301T080000000Z-daily.db', isConfirmed: true });
    expect(restore.ok || restore.error.code).toBe('CONFLICT');
    expect((await call(startup, 'settings:get')).ok).toBe(true);
  });
});

describe('start-up with a damaged store', () => {
  it('names the damage, lists the backup, answers nothing else, and restores only when confirmed', async () => {
    const backupName = await storeWithBackup();
    flipByte(store.path, 100);
    const damagedSha = sha(store.path);
    const startup = start();

    const status = await statusOf(startup);
    expect(status).toMatchObject({
      state: 'failed',
      problem: { code: 'DAMAGED', damage: 'header', storePath: store.path },
      canRestore: true,
      canStartEmpty: true,
      setAside: [],
    });
    expect(status.state === 'failed' && status.backups).toEqual([
      {
        name: backupName,
        kind: 'daily',
        takenAt: '2025-03-01T08:00:00.000Z',
        bytes: expect.any(Number) as number,
        beforeTag: null,
        state: 'usable',
      },
    ]);
    const other = await call(startup, 'settings:get');
    expect(other.ok || other.error.code).toBe('STORE_ERROR');

    // Without the confirmation, or with a name the folder does not list, nothing moves.
    const unconfirmed = await call(startup, 'startup:restore', { name: backupName });
    expect(unconfirmed.ok || unconfirmed.error.code).toBe('INVALID_INPUT');
    const traversal = await call(startup, 'startup:restore', { name: '../census.db', isConfirmed: true });
    expect(traversal.ok || traversal.error.code).toBe('INVALID_INPUT');
    const unknown = await call(startup, 'startup:restore', { name: 'census-20200101T000000000Z-daily.db', isConfirmed: true });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    expect(sha(store.path)).toBe(damagedSha);

    const restored = await call(startup, 'startup:restore', { name: backupName, isConfirmed: true });
    if (!restored.ok) throw new Error(restored.error.message);
    const outcome = restored.value as { setAside: string[]; status: StartupStatus };
    expect(outcome.status).toEqual({ state: 'ready' });
    // The damaged file is kept, renamed, exactly as it was.
    const kept = outcome.setAside.find((f) => f.endsWith('.db'));
    expect(kept).toBe(path.join(store.dir, 'damaged', 'census-20250302T090000000Z.db'));
    expect(sha(kept!)).toBe(damagedSha);
    // The backup is still there, and the store holds what the backup held.
    expect(fs.existsSync(path.join(store.dir, 'backups', backupName))).toBe(true);
    const settings = await call(startup, 'settings:get');
    expect(settings.ok && settings.value).toMatchObject({ userName: '马晓梅', deviceName: '' });
    expect(await statusOf(startup)).toEqual({ state: 'ready' });
  });

  it('refuses to restore a backup that fails its full check, and changes nothing', async () => {
    const backupName = await storeWithBackup();
    const backupFile = path.join(store.dir, 'backups', backupName);
    const size = fs.statSync(backupFile).size;
    flipByte(backupFile, size - 4096 + 300); // a later page: page 1 still opens
    flipByte(store.path, 100);
    const damagedSha = sha(store.path);
    const startup = start();
    const result = await call(startup, 'startup:restore', { name: backupName, isConfirmed: true });
    expect(result.ok || result.error.code).toBe('RULE_VIOLATION');
    expect(sha(store.path)).toBe(damagedSha);
    expect(fs.existsSync(path.join(store.dir, 'damaged'))).toBe(false);
  });

  it('offers a new empty store for a 0-byte file without backups, keeping the file aside', async () => {
    store = createTempStore();
    fs.writeFileSync(store.path, '');
    const startup = start();
    expect(await statusOf(startup)).toMatchObject({
      state: 'failed',
      problem: { code: 'DAMAGED', damage: 'empty' },
      backups: [],
      canRestore: false,
      canStartEmpty: true,
    });
    const unconfirmed = await call(startup, 'startup:startEmpty', {});
    expect(unconfirmed.ok || unconfirmed.error.code).toBe('INVALID_INPUT');
    const result = await call(startup, 'startup:startEmpty', { isConfirmed: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ restoredFrom: null, status: { state: 'ready' } });
    expect(fs.readdirSync(path.join(store.dir, 'damaged'))).toEqual(['census-20250302T090000000Z.db']);
    expect(fs.statSync(store.path).size).toBeGreaterThan(0);
  });
});

describe('start-up with a wrong key', () => {
  it('says the key is wrong and offers no restore: no backup opens with it either', async () => {
    await storeWithBackup();
    const before = sha(store.path);
    const startup = start({ key: randomKey() });
    const status = await statusOf(startup);
    expect(status).toMatchObject({ state: 'failed', problem: { code: 'WRONG_KEY' }, canRestore: false, canStartEmpty: false });
    expect(status.state === 'failed' && status.backups.map((b) => b.state)).toEqual(['wrong-key']);
    const empty = await call(startup, 'startup:startEmpty', { isConfirmed: true });
    expect(empty.ok || empty.error.code).toBe('FORBIDDEN');
    expect(sha(store.path)).toBe(before);
  });
});

describe('the run marker: a full check after an unclean shutdown', () => {
  /** Damage that only the full check sees: an index whose entries no longer match its rows. */
  function plantIndexDamage(): void {
    const core = createCore({ dbPath: store.path, key: store.key, shell: 'web', appVersion: 't' });
    const insert = core.sqlite.prepare(
      "INSERT INTO units (id, area_code, kind, name, source, created_at, updated_at) VALUES (?, '640502001001001', ?, ?, 'frame', 'now', 'now')",
    );
    for (let i = 0; i < 50; i++) insert.run(`u${i}`, i % 2 ? 'legal' : 'individual', `单位${i}`);
    core.sqlite.unsafeMode(true);
    core.sqlite.pragma('writable_schema = ON');
    core.sqlite
      .prepare("UPDATE sqlite_master SET sql = 'CREATE INDEX `units_status_idx` ON `units` (`kind`)' WHERE name = ?")
      .run('units_status_idx');
    core.sqlite.pragma('writable_schema = OFF');
    core.close();
  }

  it('is set while the store is open and cleared by a clean close, so the next open runs the quick check', () => {
    store = createTempStore();
    plantIndexDamage();
    expect(fs.existsSync(runMarkerPath(store.path))).toBe(false);
    const startup = start();
    expect(startup.core()?.opened.integrityCheck).toBe('quick');
    expect(fs.existsSync(runMarkerPath(store.path))).toBe(true);
    startup.close();
    expect(fs.existsSync(runMarkerPath(store.path))).toBe(false);
  });

  it('left behind by a run that never closed, makes the next start run the full check and find the damage', async () => {
    store = createTempStore();
    plantIndexDamage();
    // The folder as a power cut leaves it: copied while a core has the store open.
    const running = createCore({ dbPath: store.path, key: store.key, shell: 'web', appVersion: 't' });
    const crashDir = fs.mkdtempSync(path.join(store.dir, 'crash-'));
    for (const file of fs.readdirSync(store.dir).filter((f) => f.startsWith('census.db'))) {
      fs.copyFileSync(path.join(store.dir, file), path.join(crashDir, file));
    }
    running.close();
    const crashed = path.join(crashDir, 'census.db');
    expect(fs.existsSync(runMarkerPath(crashed))).toBe(true);

    const startup = start({ dbPath: crashed });
    expect(await statusOf(startup)).toMatchObject({ state: 'failed', problem: { code: 'DAMAGED', damage: 'pages' } });
    const status = await statusOf(startup);
    expect(status.state === 'failed' && status.problem.detail).toMatch(/full integrity check.*units_status_idx/);
  });
});
