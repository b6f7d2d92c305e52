import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { currentPackRef, publishPack } from '../forms/publish';
import type { ServerStore } from '../store/types';
import type { Io } from './admin';
import { openStoreFor, storeOptionsHelp } from './open-store';
import { renderTable } from './text-table';

// `census forms publish <pack.json>`: the bureau publishes a form pack on the server machine,
// straight into the store like the admin commands (the server may be running). The same
// checks as POST /forms/packs (server/forms/publish.ts); prints what changed against the pack
// in force before. `census forms published` lists every version.
// Exit 0 published (or already current) · 1 refused, nothing changed · 2 usage.

export const formsPublishUsage = `用法 / Usage: census forms publish <pack.json> [--by <admin username>] [--data ./.data/server]

  发布表式包：各笔记本下次同步时收到 / publish a form pack: laptops receive it at their next sync.
  census forms published [--data ./.data/server]
  publish     检查表式包（格式、引用、表达式、校验值），拒绝已发布过不同内容的版本，
              设为当前表式并列出与上一版的差异 / checks the pack (shape, references, expressions,
              hash), refuses a version already published with other content, makes it current
              and lists what changed against the previous current pack
  published   列出已发布的版本 / lists the published versions
  --by <username>   记录的发布人（须为管理员）/ the admin recorded as publisher (default census-cli)
${storeOptionsHelp}`;

async function publishFile(store: ServerStore, file: string, by: string, io: Io): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    io.err(`无法读取表式包 ${file}（须为表式包 JSON 文件）/ cannot read the pack ${file} (a pack JSON file): ${(e as Error).message}`);
    return 1;
  }
  const result = await publishPack(store, json, { by, at: new Date().toISOString() });
  if (!result.ok) {
    io.err(`未发布 / not published: ${result.refusal.message}`);
    for (const p of result.refusal.problems.slice(0, 50)) io.err(`  ${Object.values(p.place).join(' ')}: ${p.message}`);
    if (result.refusal.problems.length > 50) io.err(`  … ${result.refusal.problems.length - 50} more`);
    return 1;
  }
  const { pack, previous, changes, outcome } = result;
  const head = {
    published: `已发布 / published ${pack.ref}（上一版 / previous ${previous}）`,
    unchanged: `${pack.ref} 已是当前表式，未作修改 / is already the current pack; nothing changed`,
    madeCurrent: `${pack.ref} 重新设为当前表式（上一版 / previous ${previous}）/ is the current pack again`,
  }[outcome];
  io.out(head);
  io.out(`  hash ${pack.hash}`);
  if (outcome === 'unchanged') return 0;
  if (changes.length === 0) io.out('  与上一版内容相同 / same content as the previous pack');
  else {
    io.out(`  变化 ${changes.length} 处 / ${changes.length} change(s):`);
    for (const c of changes) io.out(`  · ${c.zh} / ${c.en}`);
  }
  return 0;
}

export async function runFormsPublish(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { data: { type: 'string', default: './.data/server' }, database: { type: 'string' }, by: { type: 'string' } } });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${formsPublishUsage}`);
    return 2;
  }
  const [cmd, file] = parsed.positionals;
  if ((cmd !== 'publish' || file === undefined) && cmd !== 'published') {
    io.err(formsPublishUsage);
    return 2;
  }
  const store = await openStoreFor(parsed.values);
  try {
    if (cmd === 'published') {
      const packs = await store.listPacks();
      if (packs.length === 0) {
        io.out(`尚未发布表式包，笔记本使用内置表式 ${await currentPackRef(store)} / nothing published: laptops use the built-in pack`);
        return 0;
      }
      io.out(renderTable([['版本 ref', '当前 current', '发布人 by', '发布时间 published', 'hash'], ...packs.map((p) => [p.ref, p.isCurrent ? '✓' : '', p.publishedBy, p.publishedAt, p.hash.slice(0, 12)])]));
      return 0;
    }
    let by = 'census-cli';
    if (parsed.values.by !== undefined) {
      const user = await store.findUserByUsername(parsed.values.by.toLowerCase());
      if (!user || user.role !== 'admin') {
        io.err(`${parsed.values.by} 不是管理员，未发布 / ${parsed.values.by} is not an admin; nothing was published`);
        return 1;
      }
      by = user.username;
    }
    return await publishFile(store, path.resolve(file ?? ''), by, io);
  } finally {
    await store.close();
  }
}
