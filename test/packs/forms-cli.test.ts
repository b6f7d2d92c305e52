import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@server/cli/census';
import { hashMatches } from '@shared/node/pack-hash';
import type { FormPack } from '@shared/packs/types';
import { loadWorkbook, workbookBytes } from '@shared/node/pack-workbook';
import { builtinPack, setCell } from '../helpers/pack-workbook';

// `census forms …` through census main() with a fake Io, on files in a temporary folder.

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-forms-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function census(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['forms', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const file = (name: string) => path.join(dir, name);
const readPack = (name: string) => JSON.parse(fs.readFileSync(file(name), 'utf8')) as FormPack;

describe('census forms', () => {
  it('exports the built-in pack and builds it back to the same sealed pack', async () => {
    const exported = await census('export', 'builtin', file('wjp5.xlsx'));
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect(exported.out).toContain('wjp5-2023@2023.2');
    const built = await census('build', file('wjp5.xlsx'), file('wjp5.json'));
    expect(built).toMatchObject({ code: 0, err: '' });
    expect(readPack('wjp5.json')).toStrictEqual(JSON.parse(JSON.stringify(builtinPack)));
    expect(await census('check', file('wjp5.json'))).toMatchObject({ code: 0, err: '' });
    expect(await census('check', 'builtin')).toMatchObject({ code: 0, err: '' });
  });

  it('exports a pack file, and will not overwrite a file without --force', async () => {
    fs.writeFileSync(file('copy.json'), JSON.stringify(builtinPack));
    const before = fs.readFileSync(file('wjp5.xlsx'));
    const refused = await census('export', file('copy.json'), file('wjp5.xlsx'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/已存在.*--force/);
    expect(fs.readFileSync(file('wjp5.xlsx'))).toEqual(before);
    expect((await census('export', file('copy.json'), file('wjp5.xlsx'), '--force')).code).toBe(0);
  });

  it('lists every problem of a workbook with sheet, row and column, and writes nothing', async () => {
    const wb = await loadWorkbook(fs.readFileSync(file('wjp5.xlsx')), 'wjp5.xlsx');
    const typeRow = setCell(wb, 'items', { form: '611', name: 'legalRep' }, 'type', '文字');
    const ruleRow = setCell(wb, 'rules', { id: 'R611-ADDR-TEXT' }, 'severity', '严重');
    fs.writeFileSync(file('bad.xlsx'), await workbookBytes(wb));
    const built = await census('build', file('bad.xlsx'), file('bad.json'));
    expect(built.code).toBe(1);
    expect(built.err).toContain('2 个问题');
    expect(built.err).toContain(`项目 items!D${typeRow} (类型 type): 未知的类型“文字”`);
    expect(built.err).toContain(`审核规则 rules!C${ruleRow} (类别 severity): 类别“严重”应为 强制性、核实性 或 提示性 / severity “严重” must be mandatory, verify or hint`);
    expect(fs.existsSync(file('bad.json'))).toBe(false);
  });

  it('checks a pack: a hand edit breaks the hash until sealed; seal refuses a pack with problems', async () => {
    const pack = readPack('wjp5.json');
    const edited = { ...pack, titleZh: `${pack.titleZh}（修订）` };
    fs.writeFileSync(file('edited.json'), JSON.stringify(edited, null, 1));
    const checked = await census('check', file('edited.json'));
    expect(checked.code).toBe(1);
    expect(checked.err).toMatch(/校验码与内容不符.*forms seal/);

    const sealed = await census('seal', file('edited.json'));
    expect(sealed.code).toBe(0);
    expect(sealed.out).toContain('已重新计算校验码');
    expect(hashMatches(readPack('edited.json'))).toBe(true);
    expect(readPack('edited.json').titleZh).toBe(edited.titleZh);
    expect(await census('check', file('edited.json'))).toMatchObject({ code: 0, err: '' });

    const broken = { ...edited, rules: [{ ...edited.rules[0], items: ['noSuchItem'], formId: '611' }, ...edited.rules.slice(1)] };
    fs.writeFileSync(file('broken.json'), JSON.stringify(broken));
    const refused = await census('seal', file('broken.json'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/rule GEN-REQUIRED items: .*noSuchItem/);
    expect(fs.readFileSync(file('broken.json'), 'utf8')).toBe(JSON.stringify(broken));
    const check = await census('check', file('broken.json'));
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/noSuchItem/);
  });

  it('says plainly what is wrong with a missing file, a corrupt workbook and unreadable JSON', async () => {
    const missing = await census('build', file('nope.xlsx'), file('out.json'));
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toMatch(/找不到文件 .*nope.xlsx \/ No such file/);
    fs.writeFileSync(file('corrupt.xlsx'), fs.readFileSync(file('wjp5.xlsx')).subarray(0, 5_000));
    const corrupt = await census('build', file('corrupt.xlsx'), file('out.json'));
    expect(corrupt.code).toBe(2);
    expect(corrupt.err).toMatch(/corrupt.xlsx 已损坏或不是有效的 .xlsx 文件.* \/ .*is damaged/);
    fs.writeFileSync(file('notes.xlsx'), 'just text');
    expect((await census('build', file('notes.xlsx'), file('out.json'))).err).toMatch(/不是 Excel 工作簿/);
    fs.writeFileSync(file('bad.json'), '{"schema": 1,');
    const json = await census('check', file('bad.json'));
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/bad.json 不是有效的 JSON 文件.* \/ .*is not valid JSON/);
    expect((await census('seal', file('nope.json'))).err).toMatch(/找不到文件/);
    expect(fs.existsSync(file('out.json'))).toBe(false);
  });

  it('explains its usage', async () => {
    expect((await census()).code).toBe(2);
    expect((await census('build', 'only-one.xlsx')).err).toMatch(/build 需要 <in.xlsx> <out.json>/);
    expect((await census('frobnicate')).err).toMatch(/未知命令 \/ Unknown command: forms frobnicate/);
    // publish is a command of its own (server/cli/forms-publish.ts): without a file it explains itself.
    expect((await census('publish')).code).toBe(2);
    const help = await census('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('census forms <command>');
  });
});
