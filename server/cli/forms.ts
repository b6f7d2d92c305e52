import { access, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashMatches, packHash, sealPack } from '@shared/node/pack-hash';
import { builtinPackJson } from '@shared/packs/builtin';
import { checkPack, type PackPlace, type PackProblem } from '@shared/packs/check';
import { PackSchema } from '@shared/packs/schema';
import { packRef, type FormPack } from '@shared/packs/types';
import { loadWorkbook, problemLine, workbookBytes, WorkbookFileError, workbookToPack } from '@shared/node/pack-workbook';
import { packToWorkbook } from '@shared/packs/workbook/write';
import type { Io } from './check';

// `census forms <command>`: the form pack's authoring round trip on the command line. A
// statistician exports the pack to a workbook, edits it in Excel, and builds it back; every
// problem is listed with its sheet, row and column, and nothing is written while there is one.
// Exit 0 done · 1 problems found (nothing written) · 2 usage or a file that cannot be read.

export const formsUsage = `用法 / Usage: census forms <command> …

  表式包（普查表、代码表、审核规则）与编辑用工作簿 / form packs and their authoring workbook.
  export <pack> <out.xlsx> [--force]   把表式包写成工作簿；<pack> 为 builtin 或表式包 JSON 文件
                                       write a pack (builtin or a pack JSON file) as a workbook
  build <in.xlsx> <out.json> [--force] 由工作簿生成表式包（有问题时不写出，逐条列出工作表/行/列）
                                       build a sealed pack from a workbook; lists every problem
                                       with its sheet, row and column and writes nothing then
  check <pack.json|builtin>            检查表式包的格式、引用和校验码 / check a pack's shape,
                                       references and hash
  seal <pack.json>                     手工修改后重新计算校验码（有问题时拒绝）/ recompute the hash
                                       after a hand edit (refused while the pack has problems)
  publish <pack.json> [--by <admin>] [--data <folder>]
                                       在服务器上发布表式包，各笔记本下次同步时收到 / publish on the
                                       bureau server; laptops receive it at their next sync
  published [--data <folder>]          列出已发布的版本 / list the published versions
  --force   覆盖已有的输出文件 / overwrite an existing output file
  Exit: 0 done · 1 problems or an output file exists (nothing written) · 2 usage or unreadable file`;

class CliError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 2,
  ) {
    super(message);
  }
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`找不到文件 ${file} / No such file: ${file}`);
    if (code === 'EISDIR') throw new CliError(`${file} 是文件夹，不是文件 / ${file} is a folder, not a file`);
    throw new CliError(`无法读取 ${file} / Cannot read ${file}: ${(e as Error).message}`);
  }
}

async function readJson(file: string): Promise<unknown> {
  const bytes = await readBytes(file);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`${file} 不是有效的 JSON 文件（${(e as Error).message}） / ${file} is not valid JSON (${(e as Error).message})`);
  }
}

const placeText = (p: PackPlace): string => {
  switch (p.kind) {
    case 'pack':
      return `pack ${p.field}`;
    case 'setting':
      return `settings.${p.name}`;
    case 'form':
      return `form ${p.formId} ${p.field}`;
    case 'section':
      return `form ${p.formId} section ${p.sectionId} ${p.field}`;
    case 'item':
      return `form ${p.formId} item ${p.itemCode} ${p.field}`;
    case 'codeList':
      return `list ${p.listId} ${p.field}`;
    case 'code':
      return `list ${p.listId} code ${p.code}`;
    case 'rule':
      return `rule ${p.ruleId} ${p.field}`;
    case 'plausibility':
      return `plausibility ${p.field}`;
    case 'move':
      return `move ${p.index + 1} ${p.field}`;
  }
};

const listProblems = (io: Io, problems: readonly PackProblem[]) => io.err(problems.map((p) => `  ${placeText(p.place)}: ${p.message}`).join('\n'));

/** Writes through a temporary file, so a failed write never leaves half a file; refuses to replace one without --force. */
async function writeOut(file: string, data: Uint8Array | string, force: boolean): Promise<void> {
  if (!force) {
    const exists = await access(file).then(
      () => true,
      () => false,
    );
    if (exists) throw new CliError(`${file} 已存在；要覆盖请加 --force / ${file} exists; add --force to overwrite it`, 1);
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (e) {
    throw new CliError(`无法写入 ${file} / Cannot write ${file}: ${(e as Error).message}`);
  }
}

const packJsonText = (pack: FormPack): string => `${JSON.stringify(pack, null, 1)}\n`;
const summary = (pack: FormPack): string =>
  `${packRef(pack)}：${pack.forms.length} 张表 forms，${pack.codeLists.length} 个代码表 code lists，${pack.rules.length} 条规则 rules，hash ${pack.hash.slice(0, 12)}…`;

async function exportPack(source: string, out: string, force: boolean, io: Io): Promise<number> {
  const json = source === 'builtin' ? builtinPackJson : await readJson(source);
  const shape = PackSchema.safeParse(json);
  if (!shape.success) {
    io.err(`${source} 不是完整的表式包，无法导出 / ${source} is not a complete form pack and cannot be exported:`);
    listProblems(io, checkPack(json));
    return 1;
  }
  const pack = json as FormPack;
  const problems = checkPack(pack);
  if (problems.length > 0) {
    io.err(`注意：表式包有 ${problems.length} 个问题，导出后请在工作簿中修改 / note: the pack has ${problems.length} problem(s); fix them in the workbook:`);
    listProblems(io, problems);
  }
  if (!hashMatches(pack)) io.err(`注意：${source} 的校验码与内容不符（手工修改过？）/ note: the hash of ${source} does not match its content (edited by hand?)`);
  await writeOut(out, await workbookBytes(packToWorkbook(pack)), force);
  io.out(`已导出 / exported ${packRef(pack)} → ${out}`);
  return 0;
}

async function build(input: string, out: string, force: boolean, io: Io): Promise<number> {
  const wb = await loadWorkbook(await readBytes(input), input).catch((e: unknown) => {
    throw e instanceof WorkbookFileError ? new CliError(e.message) : e;
  });
  const result = workbookToPack(wb);
  if (!result.pack) {
    io.err(`${input}：发现 ${result.problems.length} 个问题，未生成表式包 / ${result.problems.length} problem(s) found; no pack written:`);
    io.err(result.problems.map((p) => `  ${problemLine(p)}`).join('\n'));
    return 1;
  }
  await writeOut(out, packJsonText(result.pack), force);
  io.out(`已生成 / built ${out}\n${summary(result.pack)}`);
  return 0;
}

async function check(file: string, io: Io): Promise<number> {
  const json = file === 'builtin' ? builtinPackJson : await readJson(file);
  const problems = checkPack(json);
  const shape = PackSchema.safeParse(json);
  const hashOk = shape.success && hashMatches(json as FormPack);
  if (problems.length > 0) {
    io.err(`${file}：${problems.length} 个问题 / ${problems.length} problem(s):`);
    listProblems(io, problems);
  }
  if (shape.success && !hashOk) {
    io.err(`${file}：校验码与内容不符；手工修改后请运行 census forms seal / the hash does not match the content; after a hand edit run census forms seal`);
  } else if (!shape.success && problems.length === 0) {
    io.err(`${file}：缺少或无效的校验码（hash）/ the hash is missing or malformed`);
  }
  if (problems.length > 0 || !hashOk) return 1;
  io.out(`没有问题 / no problems: ${summary(json as FormPack)}`);
  return 0;
}

async function seal(file: string, io: Io): Promise<number> {
  const json = await readJson(file);
  const problems = checkPack(json);
  if (problems.length > 0) {
    io.err(`${file} 有 ${problems.length} 个问题，未重新计算校验码 / ${file} has ${problems.length} problem(s); not sealed:`);
    listProblems(io, problems);
    return 1;
  }
  const before = (json as { hash?: unknown }).hash;
  const sealed = sealPack(json as FormPack);
  if (before === sealed.hash) {
    io.out(`校验码已是最新 / the hash is already current: ${summary(sealed)}`);
    return 0;
  }
  await writeOut(file, packJsonText(sealed), true);
  io.out(`已重新计算校验码 / sealed ${file}: ${typeof before === 'string' ? `${before.slice(0, 12)}… → ` : ''}${packHash(sealed).slice(0, 12)}…\n${summary(sealed)}`);
  return 0;
}

export async function runForms(args: string[], io: Io): Promise<number> {
  // Publishing works on the server's store, with its own options (--data, --by).
  if (args[0] === 'publish' || args[0] === 'published') {
    const { runFormsPublish } = await import('./forms-publish');
    return runFormsPublish(args, io);
  }
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${formsUsage}`);
    return 2;
  }
  const [cmd, ...files] = parsed.positionals;
  const force = parsed.values.force === true;
  const want = (n: number, what: string) => {
    if (files.length !== n) throw new CliError(`${cmd} 需要 ${what} / ${cmd} takes ${what}\n\n${formsUsage}`);
  };
  try {
    switch (cmd) {
      case 'export':
        want(2, '<pack> <out.xlsx>');
        return await exportPack(files[0] ?? '', files[1] ?? '', force, io);
      case 'build':
        want(2, '<in.xlsx> <out.json>');
        return await build(files[0] ?? '', files[1] ?? '', force, io);
      case 'check':
        want(1, '<pack.json>');
        return await check(files[0] ?? '', io);
      case 'seal':
        want(1, '<pack.json>');
        return await seal(files[0] ?? '', io);
      default:
        io.err(`${cmd === undefined ? '' : `未知命令 / Unknown command: forms ${cmd}\n\n`}${formsUsage}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return e.code;
    }
    throw e;
  }
}
