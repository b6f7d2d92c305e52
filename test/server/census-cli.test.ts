import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUnits } from '../../scripts/bench/registration-seed';

// `census check` run as a user runs it: a separate process, exit codes and stdout as the contract.

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function census(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/census.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const CSV = [
  '编号,单位类型,单位详细名称,统一社会信用代码,行业代码,从业人员期末人数,其中：女性,营业收入,上年营业收入(千元)',
  'A1,1,中卫市好邻居超市有限公司,91350100M000100Y43,5212,20,30,12000,11000',
].join('\n');

const FINDING_KEYS = ['form', 'item', 'message', 'path', 'ruleId', 'severity', 'unitId'];

describe('census check', { timeout: 60_000 }, () => {
  it('exits 0 with no 强制性 finding on complete units from JSON', () => {
    const file = write('clean.json', JSON.stringify(generateUnits(5).map((u) => ({ id: u.id, kind: u.kind, forms: u.forms }))));
    const run = census('check', file, '--json', '--county', '640502', '--today', '2024-03-15');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const findings = JSON.parse(run.stdout) as { severity: string }[];
    expect(findings.every((f) => f.severity !== 'mandatory')).toBe(true);
  });

  it('exits 1 and prints one JSON array of findings for machines', () => {
    const run = census('check', write('units.csv', CSV), '--json', '--lang', 'en');
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Array.isArray(findings)).toBe(true);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(FINDING_KEYS);
    expect(findings).toContainEqual(
      expect.objectContaining({ unitId: 'A1', form: '611', item: 'femaleEmployees', path: 'femaleEmployees', severity: 'mandatory', ruleId: 'R611-FEMALE-LE-TOTAL' }),
    );
    expect(findings.find((f) => f.ruleId === 'GEN-REQUIRED')?.message).toMatch(/^Please fill in/);
  });

  it('reads a USCC and org code as typed (full width, spaces, hyphens) as their normal form', () => {
    const csv = [
      '编号,单位类型,单位详细名称,统一社会信用代码,组织机构代码',
      'B1,1,中卫市好邻居超市有限公司,９１３５ ０１００-Ｍ０００ １００ｙ４３,m000100y-4',
      'B2,1,中卫市校验位错公司,９１３５０１００Ｍ０００１００Ｙ４４,',
    ].join('\n');
    const run = census('check', write('typed-codes.csv', csv), '--json', '--lang', 'zh');
    const findings = JSON.parse(run.stdout) as { unitId: string; ruleId: string; message: string }[];
    const idFindings = findings.filter((f) => /^R611-(USCC|ORG)/.test(f.ruleId));
    expect(idFindings.filter((f) => f.unitId === 'B1')).toEqual([]);
    expect(idFindings.filter((f) => f.unitId === 'B2').map((f) => f.ruleId)).toEqual(['R611-USCC-CHECKSUM']);
    expect(idFindings.find((f) => f.unitId === 'B2')?.message).toContain('91350100M000100Y44');
  });

  it('prints a table and a summary for people', () => {
    const run = census('check', write('units-table.csv', CSV));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/单位\s+表\s+项目\s+规则\s+类别\s+说明/);
    expect(run.stdout).toContain('R611-FEMALE-LE-TOTAL');
    expect(run.stdout).toMatch(/共检查 1 个单位：强制性 \d+，核实性 \d+，提示性 \d+/);
  });

  it('reads XLSX rows, individual businesses by their kind column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('units');
    sheet.addRow(['id', 'kind', 'name', 'operatorName', 'employees', 'femaleEmployees']);
    sheet.addRow(['G1', '个体户', '老王烧烤店', '王强', 2, 3]);
    const file = write('units.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    const run = census('check', file, '--json');
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as { unitId: string; form: string; ruleId: string }[];
    expect(findings.every((f) => f.unitId === 'G1' && f.form === 'individual')).toBe(true);
    expect(findings.some((f) => f.ruleId === 'RIND-FEMALE-LE-TOTAL' || /FEMALE/.test(f.ruleId))).toBe(true);
  });

  it.each([
    ['a missing file', () => path.join(dir, 'nope.csv'), /Cannot read/],
    ['malformed JSON', () => write('bad.json', '[{"id": 1,'), /Malformed JSON/],
    ['JSON of the wrong shape', () => write('shape.json', '{"units": []}'), /not an array of/],
    ['JSON naming an unknown form', () => write('form.json', '[{"id":"x","kind":"legal","forms":{"999":{}}}]'), /no form '999'/],
    ['an unsupported extension', () => write('units.txt', CSV), /Only \.csv, \.xlsx and \.json/],
    ['a corrupt workbook', () => write('broken.xlsx', 'PK\u0003\u0004 not really'), /Cannot read the Excel file broken.xlsx: it is damaged or incomplete/],
    ['an empty CSV', () => write('empty.csv', ''), /empty.csv is empty/],
  ])('exits 2 with a clear message on %s', (_label, file, message) => {
    const run = census('check', file(), '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 on a usage error and names the commands', () => {
    expect(census().code).toBe(2);
    const unknown = census('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('check');
    expect(census('check').code).toBe(2);
    expect(census('check', 'a.csv', '--lang', 'fr').code).toBe(2);
    expect(census('check', '--help').code).toBe(0);
  });
});
