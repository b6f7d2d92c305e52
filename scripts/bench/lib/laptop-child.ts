import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@db/open';
import { createCore, type Core } from '@main/core';
import { updateSettings } from '@main/session/settings-queries';
import { PULL_PAGE_CACHE_MIB } from '@main/sync/page-cache';
import { type LaptopFigures, LaptopOptions, type LaptopMessage, LaptopRequest } from './laptop-protocol';
import { failFatallyOnUncaught, fatal, messageOf, sendToBench } from './child-ipc';

// Child-process entry of a sync bench laptop (bundled and forked by laptop-process.ts): a real
// store and sync engine in a process of its own, so its peak memory is its own (the seeding
// laptop's 10,000 generated units are not in it) and its event loop is not shared.

const send = (message: LaptopMessage): Promise<void> => sendToBench(message);
failFatallyOnUncaught();
process.on('disconnect', () => process.exit(0));

const mib = (bytes: number): number => bytes / (1024 * 1024);
/** The process's peak resident memory so far (MiB). */
const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

let core: Core;
let options: LaptopOptions;
const dbPath = (): string => path.join(options.dataDir, 'laptop.db');

async function sync(): Promise<LaptopFigures> {
  const rssBeforeMiB = mib(process.memoryUsage().rss);
  let heapPeak = 0;
  let extPeak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    extPeak = Math.max(extPeak, m.external + m.arrayBuffers);
  }, 20);
  const result = await core.sync.engine.sync('manual');
  clearInterval(sampler);
  if (!result) throw new Error(`bench sync failed: ${JSON.stringify(core.sync.status().lastError)}`);
  return {
    ms: result.pushMs + result.pullMs,
    pushMs: result.pushMs,
    pullMs: result.pullMs,
    pushed: result.pushed,
    pulled: result.pulled,
    bytesUp: result.bytesUp,
    bytesDown: result.bytesDown,
    peakRssMiB: peakRssMiB(),
    rssBeforeMiB,
    heapPeakMiB: mib(heapPeak),
    externalPeakMiB: mib(extPeak),
    // Automatic checkpoints wait until a sync ends (sync/wal.ts): the WAL holds every page the pull wrote.
    walMiB: fs.existsSync(`${dbPath()}-wal`) ? mib(fs.statSync(`${dbPath()}-wal`).size) : 0,
    heapUsedMiB: mib(process.memoryUsage().heapUsed),
  };
}

/**
 * The floor under a fresh pull: the rows it wrote (units and sync_base), as JSON text, parsed
 * and inserted in one transaction into a new store opened the same way (encrypted, migrated,
 * the app's pragmas and triggers). No sync engine can write the same rows for less.
 */
function floor(): LaptopFigures {
  const unitsSelect = core.sqlite.prepare('SELECT * FROM units');
  const unitColumns = unitsSelect.columns().map((c) => c.name);
  const text = JSON.stringify({
    units: unitsSelect.raw().all(),
    base: core.sqlite.prepare('SELECT entity, entity_id, area_code, json(fields) FROM sync_base').raw().all(),
  });
  const opened = openDatabase(path.join(options.dataDir, `floor-${randomBytes(4).toString('hex')}.db`), {
    key: randomBytes(32).toString('hex'),
    migrationsFolder: options.migrationsFolder,
  });
  const { sqlite } = opened;
  try {
    // The page cache a pull works with (electron/main/sync/page-cache.ts): the same store, set the same way.
    sqlite.pragma(`cache_size = ${-PULL_PAGE_CACHE_MIB * 1024}`);
    const insertUnit = sqlite.prepare(`INSERT INTO units (${unitColumns.join(', ')}) VALUES (${unitColumns.map(() => '?').join(', ')})`);
    const insertBase = sqlite.prepare('INSERT INTO sync_base (entity, entity_id, area_code, fields) VALUES (?, ?, ?, jsonb(?))');
    const start = performance.now();
    const rows = JSON.parse(text) as { units: unknown[][]; base: unknown[][] };
    sqlite.transaction(() => {
      for (const r of rows.base) insertBase.run(...r);
      for (const r of rows.units) insertUnit.run(...r);
    })();
    const ms = performance.now() - start;
    return { ms, units: rows.units.length, bytes: text.length };
  } finally {
    sqlite.close();
  }
}

async function handle(request: LaptopRequest): Promise<LaptopFigures> {
  switch (request.type) {
    case 'sync':
      return sync();
    case 'settle': {
      const start = performance.now();
      await core.sync.engine.settled();
      return { ms: performance.now() - start };
    }
    case 'floor':
      return floor();
    case 'close':
      core.close();
      return {};
  }
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('laptop-child.ts must be forked with an IPC channel');
  options = LaptopOptions.parse(JSON.parse(process.argv[2] ?? '{}'));
  core = createCore({
    dbPath: dbPath(),
    key: randomBytes(32).toString('hex'),
    shell: 'web',
    appVersion: 'bench',
    migrationsFolder: options.migrationsFolder,
    divisionDataDir: options.divisionDataDir,
  });
  core.sync.stop();
  updateSettings(core.db, { serverUrl: options.serverUrl, userName: options.username, deviceName: options.username });
  const status = await core.sync.engine.login(options.username, options.password);
  if (!status.isLoggedIn) throw new Error(`bench login failed: ${JSON.stringify(status.lastError)}`);
  process.on('message', (raw) => {
    const parsed = LaptopRequest.safeParse(raw);
    if (!parsed.success) return void fatal(new Error(`bad request from the bench: ${parsed.error.message}`));
    const request = parsed.data;
    void handle(request).then(
      async (value) => {
        await send({ type: 'reply', id: request.id, value });
        if (request.type === 'close') process.exit(0);
      },
      (e: unknown) => send({ type: 'failed', id: request.id, message: messageOf(e) }),
    );
  });
  await send({ type: 'ready' });
}

main().catch(fatal);
