import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { orgCodeCheckChar } from '@shared/census/identifiers';
import { encodeGbk } from '../helpers/import-files';
import { createTempStore, repoMigrationsFolder, type TempStore } from '../helpers/store';
import { orgCodeOf, realUscc } from '../helpers/uscc';
import { directoryStore, VILLAGE } from './helpers';

// An enterprise known by its 组织机构代码 alone (no USCC: older registrations, some 机关 and 事业
// 单位) can be entered and imported; it is unique and its code checked like a USCC.

const ORG = orgCodeOf('MA76DE1W'); // MA76DE1W2
const USCC_OF_ORG = realUscc('MA76DE1W'); // the same organisation, with its USCC
const base = { name: '中卫市沙坡头区档案馆', divisionCode: VILLAGE };
const file = (text: string) => ({ fileName: '名录.csv', contentBase64: Buffer.from(encodeGbk(text)).toString('base64') });

describe('an enterprise with only a 组织机构代码, entered by hand', () => {
  it('is saved without a USCC, normalised, and found by its code', async () => {
    const s = directoryStore();
    const e = await s.ok('enterprises:save', { fields: { ...base, orgCode: ` ${ORG.slice(0, 8).toLowerCase()}-${ORG.charAt(8)}` } });
    expect(e).toMatchObject({ uscc: '', orgCode: ORG, fields: { uscc: '', orgCode: ORG } });
    const page = await s.ok('enterprises:list', { query: ORG.toLowerCase() });
    expect(page.rows.map((r) => [r.id, r.orgCode])).toEqual([[e.id, ORG]]);
  });

  it('is unique: the same org code, or a USCC holding it, is another enterprise’s', async () => {
    const s = directoryStore();
    await s.ok('enterprises:save', { fields: { ...base, orgCode: ORG } });
    const again = await s.call('enterprises:save', { fields: { ...base, name: '另一个', orgCode: ORG } });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const byUscc = await s.call('enterprises:save', { fields: { ...base, name: '另一个', uscc: USCC_OF_ORG } });
    expect(byUscc).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // And the other way: an org code inside a stored USCC.
    const t = directoryStore();
    await t.ok('enterprises:save', { fields: { ...base, uscc: USCC_OF_ORG } });
    expect(await t.call('enterprises:save', { fields: { ...base, name: '另一个', orgCode: ORG } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Two enterprises with neither conflict on '' is not possible: one code is required.
    const u = directoryStore();
    await u.ok('enterprises:save', { fields: { ...base, orgCode: ORG } });
    await u.ok('enterprises:save', { fields: { ...base, name: '另一个', orgCode: orgCodeOf('MA76DE2W') } });
  });

  it('needs one of the two codes, and a malformed org code is refused', async () => {
    const s = directoryStore();
    expect(await s.call('enterprises:save', { fields: { ...base } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await s.call('enterprises:save', { fields: { ...base, orgCode: 'MA76DE1' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await s.call('enterprises:save', { fields: { ...base, orgCode: 'MA76DE1WA' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A wrong check character is kept (a note on import), as for a USCC.
    const wrong = `MA76DE1W${orgCodeCheckChar('MA76DE1W') === '1' ? '2' : '1'}`;
    expect(await s.ok('enterprises:save', { fields: { ...base, orgCode: wrong } })).toMatchObject({ orgCode: wrong });
  });
});

describe('a GBK CSV directory with full-width USCCs and org-code-only rows', () => {
  const wrongCheck = `MA76QQ3P${orgCodeCheckChar('MA76QQ3P') === '1' ? '2' : '1'}`;
  const fullWidth = (s: string) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
  const csv = [
    '统一社会信用代码,组织机构代码,企业名称,区划代码',
    `${fullWidth(realUscc('MA76FW01'))},,中卫市全角代码商贸有限公司,${VILLAGE}`,
    `,${ORG.slice(0, 4)} ${ORG.slice(4, 8)}-${ORG.charAt(8)},中卫市沙坡头区档案馆,${VILLAGE}`,
    `,${wrongCheck},中卫市校验码错误单位,${VILLAGE}`,
    `,MA76DE1WB,中卫市沙坡头区档案馆本部,${VILLAGE}`,
    `,${ORG},同一机构重复一行,${VILLAGE}`,
    `,,两个代码都没有的单位,${VILLAGE}`,
    `,MA76DE1WA,机构代码乱填单位,${VILLAGE}`,
  ].join('\r\n');

  it('previews each row: inserts, notes to verify, and refusals', async () => {
    const s = directoryStore();
    const preview = await s.ok('directory:importPreview', file(csv));
    const byRow = new Map(preview.rows.map((r) => [r.rowNo, r]));
    expect(byRow.get(2)).toMatchObject({ action: 'insert', uscc: realUscc('MA76FW01'), warnings: [] });
    expect(byRow.get(3)).toMatchObject({ action: 'insert', uscc: '', orgCode: ORG, warnings: [] });
    expect(byRow.get(4)).toMatchObject({ action: 'insert', orgCode: wrongCheck, warnings: [{ column: 'orgCode', messageZh: expect.stringMatching(/校验码不正确/) }] });
    expect(byRow.get(5)).toMatchObject({ action: 'insert', orgCode: 'MA76DE1WB', warnings: [{ column: 'orgCode', messageZh: expect.stringMatching(/本部/) }] });
    expect(byRow.get(6)).toMatchObject({ action: 'error', errors: [{ column: 'orgCode', messageZh: expect.stringMatching(/与第 3 行的组织机构代码相同/) }] });
    expect(byRow.get(7)).toMatchObject({ action: 'error', errors: [{ messageZh: expect.stringMatching(/统一社会信用代码或组织机构代码/) }] });
    expect(byRow.get(8)).toMatchObject({ action: 'error', errors: [{ column: 'orgCode', messageZh: expect.stringMatching(/组织机构代码格式不正确/) }] });
  });

  it('imports them; a later file giving the USCC of an org-code-only enterprise completes that one', async () => {
    const s = directoryStore();
    const report = await s.ok('directory:import', file(csv));
    expect(report).toMatchObject({ inserted: 4, updated: 0 });
    const archive = (await s.ok('enterprises:list', { query: '档案馆' })).rows.find((r) => r.name === '中卫市沙坡头区档案馆');
    expect(archive).toMatchObject({ uscc: '', orgCode: ORG });

    const later = ['统一社会信用代码,企业名称,区划代码', `${USCC_OF_ORG},中卫市沙坡头区档案馆,${VILLAGE}`].join('\r\n');
    const preview = await s.ok('directory:importPreview', file(later));
    expect(preview.rows[0]).toMatchObject({ action: 'update', changes: [{ field: 'uscc', from: '', to: USCC_OF_ORG }] });
    expect(await s.ok('directory:import', file(later))).toMatchObject({ inserted: 0, updated: 1 });
    const detail = await s.ok('enterprises:get', { id: archive?.id ?? '' });
    expect(detail).toMatchObject({ uscc: USCC_OF_ORG, orgCode: ORG });
  });
});

describe('a store from before org codes', () => {
  let store: TempStore | undefined;
  afterEach(() => store?.dispose());

  it('keeps every enterprise through the migration and then takes org-code-only ones', () => {
    // The migrations up to the one before org codes, as an older build had them.
    const older = fs.mkdtempSync(path.join(os.tmpdir(), 'census-migrations-'));
    fs.cpSync(repoMigrationsFolder, older, { recursive: true });
    const journalPath = path.join(older, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith('_enterprise_org_code'));
    expect(at).toBeGreaterThan(0);
    fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }, null, 2));

    store = createTempStore();
    const v1 = store.open({ migrationsFolder: older });
    const insert = v1.sqlite.prepare(
      "INSERT INTO enterprises (id, uscc, name, division_code, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, '2024-01-01', '2024-01-01', ?)",
    );
    insert.run('ent-00000001', realUscc('MA76QLD1'), '旧企业一', VILLAGE, null);
    insert.run('ent-00000002', realUscc('MA76QLD2'), '旧企业二', VILLAGE, null);
    insert.run('ent-00000003', realUscc('MA76QLD2'), '已删除的旧企业二', VILLAGE, '2024-02-01');
    const before = v1.sqlite.prepare('SELECT id, uscc, name, deleted_at FROM enterprises ORDER BY id').all();
    v1.sqlite.close();

    const v2 = store.open();
    expect(v2.sqlite.prepare('SELECT id, uscc, name, deleted_at FROM enterprises ORDER BY id').all()).toEqual(before);
    expect(v2.sqlite.prepare("SELECT count(*) AS n FROM enterprises WHERE org_code = ''").get()).toEqual({ n: 3 });
    // Two enterprises without a USCC now live side by side; a USCC is still unique.
    const add = v2.sqlite.prepare("INSERT INTO enterprises (id, uscc, org_code, name, created_at, updated_at) VALUES (?, ?, ?, ?, '2024-03-01', '2024-03-01')");
    add.run('ent-00000004', '', orgCodeOf('MA76NEW1'), '新机关一');
    add.run('ent-00000005', '', orgCodeOf('MA76NEW2'), '新机关二');
    expect(() => add.run('ent-00000006', realUscc('MA76QLD1'), '', '重复')).toThrow(/UNIQUE/);
  });
});
