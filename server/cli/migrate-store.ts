import path from 'node:path';
import { checkDatabaseUrl, PgOpenError, redactUrl } from '@server/db/pg/open';
import { folderAttachmentTarget } from '../admin/migrate-attachments';
import { migrateStore, type MigrateStoreReport } from '../admin/migrate-store';
import { AdminError } from '../admin/users';
import { renderTable } from './text-table';

// `census admin migrate-store --from <data folder> --to postgres://… [--to-attachments <folder>]`:
// the command line of server/admin/migrate-store.ts. Exit 0 copied and proven equal · 1 refused,
// failed (the target left empty) or copied but not proven equal (do not use the target) · 2 usage.

export interface MigrateArgs {
  from?: string | undefined;
  to?: string | undefined;
  toAttachments?: string | undefined;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class MigrateUsageError extends Error {}

const n = (v: number): string => v.toLocaleString('en');
const short = (hash: string): string => hash.slice(0, 16);

export function renderReport(r: MigrateStoreReport): string {
  const tables = renderTable([
    ['表 table', '源 source (SQLite)', '目标 target (PostgreSQL)', '内容 content'],
    ...r.tables.map((t) => [t.table, n(t.source), n(t.target), t.source === t.target && t.isSameContent ? '✓' : '✗']),
    ['device_heads', '', n(r.deviceHeads), '（每台设备最新的操作 / newest op of each device）'],
  ]);
  const sums = renderTable([
    ['范围 scope', '用户 users', '字段 fields', '校验和 SQLite', '校验和 PostgreSQL', ''],
    ...r.checksums.map((c) => [
      c.scope === '*' ? '* (全部 / all)' : c.scope,
      c.users.length > 3 ? `${c.users.slice(0, 3).join(' ')} +${c.users.length - 3}` : c.users.join(' '),
      c.sourceCount === c.targetCount ? n(c.sourceCount) : `${n(c.sourceCount)} ≠ ${n(c.targetCount)}`,
      short(c.sourceTotal),
      short(c.targetTotal),
      c.isEqual ? '✓' : '✗ 不一致 / differs',
    ]),
  ]);
  const a = r.attachments;
  const ops = r.tables.find((t) => t.table === 'ops')?.target ?? 0;
  const lines = [
    tables,
    '',
    `操作日志 / op log: 最大 gseq ${n(r.log.maxGseq)}; 被拒绝的操作另取编号 / rejected ops numbered above it: ${n(r.log.rejected)}; gseq_seq = ${n(r.log.sequence)}`,
    `附件 / attachments: ${n(a.records)} 条记录 / records; 复制 / copied ${n(a.copied)} 个文件 / files (${(a.bytes / 1024 / 1024).toFixed(1)} MB), 已在 / already there ${n(a.present)} → ${a.target}`,
    ...(a.missing.length > 0
      ? [`  ⚠ 源文件夹中缺少 ${a.missing.length} 个附件文件（源服务器也无法提供）/ ${a.missing.length} attachment file(s) missing from the source folder (its server could not serve them either): ${a.missing.slice(0, 5).join(', ')}${a.missing.length > 5 ? ' …' : ''}`]
      : []),
    '',
    sums,
    '',
    `用时 / took ${r.timings.total.toFixed(1)} s: 复制 / copying rows ${r.timings.rows.toFixed(1)} s (${n(Math.round(ops / Math.max(r.timings.rows, 0.001)))} ops/s), ` +
      `核对内容 / contents ${r.timings.contents.toFixed(1)} s, 附件 / files ${r.timings.files.toFixed(1)} s, 校验和 / checksums ${r.timings.checksums.toFixed(1)} s`,
  ];
  return lines.join('\n');
}

export async function runMigrateStore(args: MigrateArgs, io: Io, key: string | undefined): Promise<number> {
  if (!args.from) throw new MigrateUsageError('缺少 --from <服务器数据文件夹> / missing --from <server data folder>');
  if (!args.to) throw new MigrateUsageError('缺少 --to postgres://… / missing --to postgres://user:password@host:5432/database');
  try {
    checkDatabaseUrl(args.to);
  } catch (e) {
    if (e instanceof PgOpenError) throw new AdminError(e.message);
    throw e;
  }
  const from = path.resolve(args.from);
  const sourceAttachments = path.join(from, 'attachments');
  const attachments = folderAttachmentTarget(args.toAttachments ?? sourceAttachments, sourceAttachments);
  io.out(`迁移 / migrating ${from} → ${redactUrl(args.to)}`);
  const report = await migrateStore({ from, to: args.to, attachments, key, progress: (m) => io.out(m) });
  io.out(renderReport(report));
  if (report.sourceChanged.length > 0) {
    io.err(`✗ 复制后源数据又有变化（${report.sourceChanged.join(', ')}）/ The source changed after it was copied (${report.sourceChanged.join(', ')}).`);
  }
  if (!report.isVerified) {
    io.err(
      '✗ 校验和或行数不一致：请勿在目标数据库上启动服务器。迁移期间源服务器是否仍在运行？请停止它，删除并重建目标数据库后重试。\n' +
        '✗ Checksums or counts differ: do not start a server on the target database. Was the source server still running during the migration? Stop it, drop and recreate the target database, and run the migration again.',
    );
    return 1;
  }
  io.out(
    `✓ 已迁移并核对一致。笔记本电脑保持登录，可继续同步 / Migrated and verified: laptops keep their sessions and continue syncing.\n` +
      `  启动 / start: npm run server -- --database ${redactUrl(args.to)} --data ${path.dirname(attachments.description)}` +
      `${key ? '  (同一 CENSUS_SERVER_DB_KEY：附件仍为加密存储 / with the same CENSUS_SERVER_DB_KEY: attachments stay sealed under it)' : ''}` +
      (path.basename(attachments.description) === 'attachments' ? '' : `\n  ⚠ 服务器从 <--data>/attachments 读取附件 / the server reads attachments from <--data>/attachments`),
  );
  return 0;
}
