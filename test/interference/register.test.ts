import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '@main/handlers';
import { dispatch } from '@main/ipc/dispatch';
import { updateSettings } from '@main/session/settings-queries';
import { writeState } from '@main/sync/queries/state';
import type { SyncService } from '@main/sync/service';
import { channels, type Channel, type Input, type Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { roles, type Role } from '@shared/sync/api';
import { openMemoryStore } from '../helpers/store';
import { draft } from './fixtures';

// The interference register on one laptop, called as the renderer calls it (dispatch: inputs
// parsed by the contract, the real handler table over the real migrations): the leadership
// records and lists entries and exports a year; every other role is refused every channel and
// sees nothing; nothing edits or deletes an entry — there is no channel for it, main has no
// such call, and the store itself refuses UPDATE and DELETE.

function laptop(role: Role | null) {
  const store = openMemoryStore();
  updateSettings(store.db, { userName: '赵局长', deviceName: '局领导-笔记本', regionCode: '640502' });
  if (role !== null) {
    writeState(store.db, 'userRole', role);
    writeState(store.db, 'userId', `u-${role}`);
    writeState(store.db, 'userName', '赵局长');
  }
  const handlers = createHandlers({
    db: store.db,
    info: { version: '0.0.0', schemaVersion: store.schemaVersion, shell: 'web', storePath: ':memory:', isEncrypted: false },
    now: () => new Date('2026-06-15T08:00:00+08:00'),
    sync: {} as SyncService,
  });
  async function call<C extends Channel>(channel: C, input?: Input<C>): Promise<Result<Output<C>>> {
    return (await dispatch(handlers, channel, input, { shell: 'web' }, { logError: () => undefined })) as Result<Output<C>>;
  }
  async function ok<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  return { ...store, call, ok, raw: (channel: string, input: unknown) => dispatch(handlers, channel, input, { shell: 'web' }, { logError: () => undefined }) };
}

const outboxOf = (s: ReturnType<typeof laptop>) =>
  s.sqlite.prepare("SELECT entity, entity_id AS entityId, field FROM sync_outbox WHERE entity = 'interference'").all() as { entity: string; entityId: string; field: string }[];

describe('the interference register on the leadership’s laptop', () => {
  it('records an entry with who recorded it and when, from the session, and queues its one op', async () => {
    const s = laptop('leader');
    const entry = await s.ok('interference:record', draft());
    expect(entry).toMatchObject({ actorName: '李某', occurredOn: '2026-03-12', response: 'reported', reportedTo: '区纪委监委', recordedById: 'u-leader', recordedByName: '赵局长', recordedAt: '2026-06-15T00:00:00.000Z' });
    const list = await s.ok('interference:list', { year: 2026 });
    expect(list.rows.map((r) => r.entry.id)).toEqual([entry.id]);
    expect(list).toMatchObject({ years: [2026], yearCount: 1 });
    expect(outboxOf(s)).toEqual([{ entity: 'interference', entityId: entry.id, field: '$create' }]);
    const area = s.sqlite.prepare('SELECT area_code FROM interference_entries').pluck().get();
    expect(area).toBe('640502');
  });

  it('corrects by a new entry that names the old one; the year still counts one attempt', async () => {
    const s = laptop('leader');
    const first = await s.ok('interference:record', draft());
    const fix = await s.ok('interference:record', draft({ period: '2026年3月', corrects: first.id, correctionReason: '报告期记错' }));
    const list = await s.ok('interference:list', { year: 2026 });
    expect(list.rows.map((r) => [r.entry.id, r.correctedBy])).toEqual(
      expect.arrayContaining([
        [first.id, [fix.id]],
        [fix.id, []],
      ]),
    );
    expect(list.yearCount).toBe(1);
    // Both rows are still there, the first as it was.
    expect(s.sqlite.prepare('SELECT period FROM interference_entries ORDER BY recorded_at, id').pluck().all().sort()).toEqual(['2026年2月', '2026年3月']);
  });

  it('refuses bad input with a reason and changes nothing', async () => {
    const s = laptop('leader');
    const cases: [Input<'interference:record'>, string, string][] = [
      [draft({ actorName: '   ' }), 'INVALID_INPUT', 'REQUIRED'],
      [draft({ actorName: '李'.repeat(41) }), 'INVALID_INPUT', 'TOO_LONG'],
      [draft({ occurredOn: '2026-02-30' }), 'INVALID_INPUT', 'BAD_DATE'],
      [draft({ response: 'reported', reportedTo: '' }), 'INVALID_INPUT', 'REPORTED_TO_REQUIRED'],
      [draft({ response: 'other', responseNote: '' }), 'INVALID_INPUT', 'NOTE_REQUIRED'],
      [draft({ corrects: 'itf-00000404', correctionReason: '' }), 'INVALID_INPUT', 'REASON_REQUIRED'],
      [draft({ occurredOn: '2026-06-16' }), 'RULE_VIOLATION', 'FUTURE_DATE'],
      [draft({ corrects: 'itf-00000404', correctionReason: '记错' }), 'RULE_VIOLATION', 'CORRECTS_UNKNOWN'],
    ];
    for (const [input, code, reason] of cases) {
      const r = await s.call('interference:record', input);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe(code);
      expect(JSON.stringify(r.error)).toContain(reason);
    }
    expect(s.sqlite.prepare('SELECT count(*) FROM interference_entries').pluck().get()).toBe(0);
    expect(outboxOf(s)).toEqual([]);
  });

  it('exports a year as XLSX: the entries in order, corrections as their own rows, the count', async () => {
    const s = laptop('leader');
    const first = await s.ok('interference:record', draft());
    await s.ok('interference:record', draft({ occurredOn: '2026-05-02', actorName: '=HYPERLINK("x")', response: 'refused', reportedTo: '' }));
    await s.ok('interference:record', draft({ corrects: first.id, correctionReason: '单位名称有误', actorUnit: '滨河镇党委' }));
    await s.ok('interference:record', draft({ occurredOn: '2025-12-30' }));
    const file = await s.ok('interference:exportXlsx', { year: 2026 });
    expect(file.fileName).toBe('领导干部干预统计工作记录-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(String(sheet.getCell('A2').value)).toContain('本年记录干预事项 2 起');
    const rows = [5, 6, 7].map((n) => sheet.getRow(n).values as unknown[]);
    expect(rows.map((r) => r[3])).toEqual(['李某', '李某', "'=HYPERLINK(\"x\")"]);
    expect(rows.map((r) => r[14] ?? '')).toEqual(['', 1, '']);
    expect(sheet.getRow(8).values).toEqual([]);
  });
});

describe('every other role', () => {
  const others: (Role | null)[] = [...roles.filter((r) => r !== 'leader'), null];
  it.each(others.map((r) => [r ?? 'local']))('%s is refused every channel of the register and sees nothing', async (name) => {
    const s = laptop(name === 'local' ? null : (name as Role));
    for (const [channel, input] of [
      ['interference:list', { year: null }],
      ['interference:record', draft()],
      ['interference:exportXlsx', { year: 2026 }],
    ] as const) {
      const r = await s.call(channel, input as never);
      expect(r.ok ? 'answered' : r.error.code).toBe('FORBIDDEN');
    }
    expect(s.sqlite.prepare('SELECT count(*) FROM interference_entries').pluck().get()).toBe(0);
    expect(outboxOf(s)).toEqual([]);
  });
});

describe('append-only at every layer of the laptop', () => {
  it('the contract has no channel that edits or deletes an entry; such a call is an unknown channel', async () => {
    expect(channels.filter((c) => c.startsWith('interference:')).sort()).toEqual(['interference:exportXlsx', 'interference:list', 'interference:record']);
    const s = laptop('leader');
    const entry = await s.ok('interference:record', draft());
    for (const channel of ['interference:update', 'interference:delete', 'interference:remove', 'interference:save']) {
      const r = await s.raw(channel, { id: entry.id, request: '改过' });
      expect(r.ok ? 'answered' : r.error.code).toBe('UNKNOWN_CHANNEL');
    }
    // Recording "again" with an id is not an edit: the input has no id, an extra key is refused.
    const withId = await s.raw('interference:record', { ...draft(), id: entry.id });
    expect(withId.ok ? 'answered' : withId.error.code).toBe('INVALID_INPUT');
    expect(s.sqlite.prepare('SELECT request FROM interference_entries').pluck().all()).toEqual([entry.request]);
  });

  it('the store refuses UPDATE and DELETE of an entry, whoever issues them', async () => {
    const s = laptop('leader');
    const entry = await s.ok('interference:record', draft());
    expect(() => s.sqlite.prepare("UPDATE interference_entries SET request = '改过' WHERE id = ?").run(entry.id)).toThrow(/append-only/);
    expect(() => s.sqlite.prepare('DELETE FROM interference_entries WHERE id = ?').run(entry.id)).toThrow(/append-only/);
    expect(() => s.sqlite.prepare('DELETE FROM interference_entries').run()).toThrow(/append-only/);
    expect(s.sqlite.prepare('SELECT request FROM interference_entries').pluck().all()).toEqual([entry.request]);
  });

  it('main queues no op but a create: the outbox refuses any other field of the kind', async () => {
    const { recordOps } = await import('@main/sync/outbox');
    const s = laptop('leader');
    const entry = await s.ok('interference:record', draft());
    for (const field of ['request', '$delete', 'actorName']) {
      expect(() => s.db.transaction((tx) => recordOps(tx, [{ entity: 'interference', entityId: entry.id, areaCode: '640502', field, value: '改过' }]))).toThrow(/INVALID_FIELD/);
    }
    expect(outboxOf(s).map((o) => o.field)).toEqual(['$create']);
  });
});
