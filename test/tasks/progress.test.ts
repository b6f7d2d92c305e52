import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateSettings } from '@main/session/settings-queries';
import { createCore, type Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import type { TaskKind, TaskProgress } from '@shared/tasks/tasks';
import { directoryWorkbookBytes, frameCsvText } from '../helpers/import-files';
import { randomKey } from '../helpers/store';

// Long work says how far it is while it runs: tasks:progress, asked the way the screens ask
// (polling while their own call is in flight), answers with rows checked and written of the
// total for an import and rows written for the national division codes, then nothing once the
// work is done. Polls are answered only because the work lets the event loop turn.

const ctx = { shell: 'web' } as const;
let core: Core;
beforeEach(() => {
  core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'web', appVersion: '0.1.0-test' });
  core.sync.stop();
  updateSettings(core.db, { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', regionCode: '640502' });
});
afterEach(() => core.close());

const call = (channel: string, input?: unknown) => dispatch(core.handlers, channel, input, ctx, { logError: () => {} });

/** Runs `work` while asking tasks:progress for `kind` at every turn of the loop; returns what was seen. */
async function watch(kind: TaskKind, work: () => Promise<unknown>): Promise<{ seen: TaskProgress[]; result: unknown }> {
  const seen: TaskProgress[] = [];
  let isDone = false;
  const poll = async () => {
    // Bounded: at most 20,000 polls, however slow the machine.
    for (let i = 0; i < 20_000 && !isDone; i += 1) {
      const r = await call('tasks:progress', { kind });
      if (r.ok && r.value) seen.push(r.value as TaskProgress);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const polling = poll();
  const result = await work();
  isDone = true;
  await polling;
  return { seen, result };
}

const file = (fileName: string, bytes: Uint8Array | string) => ({ fileName, contentBase64: Buffer.from(bytes).toString('base64') });

describe('progress of long work', () => {
  it('counts a listing-frame import: rows checked, then rows written, of the total', async () => {
    const csv = file('底册.csv', frameCsvText(3_000));
    const { seen, result } = await watch('frameImport', () => call('frame:import', csv));
    expect(result).toMatchObject({ ok: true, value: { imported: 3_000 } });
    const checking = seen.filter((p) => p.phase === 'check' && p.total === 3_000);
    // Counts that moved while the import ran, not only its start and end.
    expect(checking.some((p) => p.done > 0 && p.done < 3_000)).toBe(true);
    expect(seen.some((p) => p.phase === 'write' && p.total === 3_000)).toBe(true);
    expect((await call('tasks:progress', { kind: 'frameImport' })).ok && (await call('tasks:progress', { kind: 'frameImport' }))).toMatchObject({ value: null });
  });

  it('counts a directory import as Excel wrote it', async () => {
    const xlsx = file('企业名录.xlsx', await directoryWorkbookBytes(2_000));
    const { seen, result } = await watch('directoryImport', () => call('directory:import', xlsx));
    expect(result).toMatchObject({ ok: true, value: { inserted: 2_000 } });
    expect(seen.some((p) => p.phase === 'read' && p.total === null)).toBe(true);
    expect(seen.some((p) => p.phase === 'check' && p.total === 2_000 && p.done > 0 && p.done < 2_000)).toBe(true);
    expect(seen.some((p) => p.phase === 'write' && p.total === 2_000)).toBe(true);
  });

  it('counts the national division codes as they are written', async () => {
    const { seen, result } = await watch('divisions', () => call('divisions:loadCountry'));
    expect(result).toMatchObject({ ok: true });
    const writing = seen.filter((p) => p.phase === 'write');
    expect(writing.some((p) => p.done > 0 && p.total !== null && p.done < p.total)).toBe(true);
    expect(writing.at(-1)?.total).toBeGreaterThan(600_000);
  }, 120_000);

  it('refuses a kind it does not know', async () => {
    expect(await call('tasks:progress', { kind: 'everything' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
