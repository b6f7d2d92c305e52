import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { updateSettings } from '@main/session/settings-queries';
import type { FileDownload } from '@shared/directory/directory';
import { addEnterprise, directoryStore, type DirectoryStore } from '../directory/helpers';
import { signIn } from '../liaison/session';
import { draft as interferenceDraft } from '../interference/fixtures';

// The year's summary on one laptop, called as the renderer calls it: the records the app's own
// channels wrote are counted; the interference register's count reaches the leadership and no
// other role, neither on screen nor in the workbook; roles without reports.export are refused.

async function sheetText(file: FileDownload): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

async function seeded(): Promise<DirectoryStore> {
  const s = directoryStore({ now: () => new Date('2024-06-15T08:00:00Z') });
  updateSettings(s.db, { regionCode: '640502' });
  signIn(s.db, 'admin', 'u-wang', '王敏');
  const e = await addEnterprise(s, '001');
  // Applied on 12-31, admitted on 01-01: it entered the directory in 2024, not 2023.
  const candidate = await s.ok('followup:transition', { enterpriseId: e.id, version: 0, to: 'candidate', date: '2023-10-01' });
  const applied = await s.ok('followup:transition', { enterpriseId: e.id, version: candidate.version, to: 'applied', date: '2023-12-31', applicationRound: 'annual' });
  await s.ok('followup:transition', { enterpriseId: e.id, version: applied.version, to: 'admitted', date: '2024-01-01' });
  await s.ok('training:save', { draft: { areaCode: '640502', date: '2024-12-31', topic: '统计法培训', audience: 'enterprise_staff', trainer: '刘强', attendeeCount: 25, attendees: [], hours: 2, notes: '' } });
  signIn(s.db, 'leader', 'u-zhao', '赵局长');
  await s.ok('interference:record', interferenceDraft({ occurredOn: '2024-03-12' }));
  return s;
}

describe('the year’s summary service', () => {
  it('counts what the app recorded, and shows the register’s count to the leadership only', async () => {
    const s = await seeded();
    const asLeader = await s.ok('summary:year', { year: 2024 });
    expect(asLeader.interference).toEqual({ held: 1, count: 1 });
    expect(asLeader.directory).toEqual({ admissionsHeld: 3, exitsHeld: 0, entered: 1, left: 0 });
    expect(asLeader.training.counts).toMatchObject({ sessions: 1, people: 25 });
    expect(asLeader.liaison).toEqual({ held: 1, withOfficial: 0, visits: 0, enterprisesVisited: 0 });
    expect(asLeader.verification.held).toBe(0);
    const leaderFile = await sheetText(await s.ok('summary:exportXlsx', { year: 2024 }));
    expect(leaderFile.flat().join('\n')).toContain('干预统计工作记录');
    expect(leaderFile).toContainEqual(['记录的干预事项', '1']);

    for (const role of ['admin', 'township', 'supervisor'] as const) {
      signIn(s.db, role, `u-${role}`, '王敏');
      const summary = await s.ok('summary:year', { year: 2024 });
      expect(summary.interference).toBeNull();
      expect(summary.directory.entered).toBe(1);
      const text = (await sheetText(await s.ok('summary:exportXlsx', { year: 2024 }))).flat().join('\n');
      expect(text).not.toContain('干预');
      expect(text).toContain('入库（规下升规上）');
    }
  });

  it('gives the next year its own figures, and "—" where this laptop holds no record', async () => {
    const s = await seeded();
    signIn(s.db, 'admin', 'u-wang', '王敏');
    const y2023 = await s.ok('summary:year', { year: 2023 });
    expect(y2023.directory.entered).toBe(0);
    expect(y2023.training.counts.sessions).toBe(0);
    const rows = await sheetText(await s.ok('summary:exportXlsx', { year: 2023 }));
    expect(rows).toContainEqual(['入库（规下升规上）', '0']);
    expect(rows).toContainEqual(['合计', '0', '0']);
    // No verification task or enforcement record on this laptop: not a 0.
    expect(rows).toContainEqual(['一套表抽查', '—', '—', '—']);
    expect(rows).toContainEqual(['检查企业（家）', '—']);
  });

  it('refuses roles without reports.export, changing nothing', async () => {
    const s = await seeded();
    signIn(s.db, 'enumerator', 'u-enum', '马晓梅', ['640502100']);
    expect(await s.call('summary:year', { year: 2024 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.call('summary:exportXlsx', { year: 2024 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.call('summary:year', { year: 1999 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
