import path from 'node:path';
import { parseArgs } from 'node:util';
import { SERVER_USER_ID } from '../admin/server-ops';
import { decideFork, listForks } from '../admin/forks';
import { AdminError, addUser, assign, listDevices, listUsers, revokeDevice, setPassword, unassign } from '../admin/users';
import { serverVersion } from '../index';
import type { ServerStore } from '../store/types';
import { MigrateUsageError, runMigrateStore } from './migrate-store';
import { readPassword } from './password-input';
import { openStoreFor, storeOptionsHelp } from './open-store';
import { renderTable } from './text-table';

// `census admin <command>`: the bureau's account and data administration, run on the server
// machine against its data folder (the server may be running: SQLite's WAL lets both work).
// Exit 0 done · 1 refused (bad input, nothing changed) · 2 usage.

export const adminUsage = `用法 / Usage: census admin <command> [--data ./.data/server] …

  管理服务器用户、设备、区域和数据 / Manage the bureau server's users, devices, areas and data.
  user-add <username> --role enumerator|supervisor|township|admin|leader --name 姓名
  set-password <username>
    密码在提示时输入（不回显），或由标准输入的第一行提供 / the password is typed at the prompt
    (not echoed) or read from the first line of stdin: never on the command line
  assign <username> <areaPrefix…>            (6 county / 9 township / 12 普查区 / 15 普查小区 digits)
  unassign <username> <areaPrefix…>
  list-users
  devices [<username>]
  revoke-device <deviceId>
  import-frame <file.csv|file.xlsx> [--by <admin username>] [--county 640502]
  export-units <out.csv|out.xlsx>
  forks [--all]                              本机数据与服务器记录不一致的设备申请 / laptops whose op chain parted, asking for a branch
  approve-fork <id> --by <admin username>    批准：该设备的未上传记录在新分支上重新签名上传 / approve: its unsent changes go up on a new chain branch
  decline-fork <id> --by <admin username>
  migrate-store --from <数据文件夹 data folder> --to postgres://… [--to-attachments <folder>]
                                             把本区数据移到 PostgreSQL（目标须为空库）/ move the district to PostgreSQL (into an empty database):
                                             users, sessions, ops, state, conflicts, attachments; proves equal checksums
${storeOptionsHelp}`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

type Values = { role?: string; name?: string; by?: string; county?: string; all?: boolean };

function need(positionals: string[], count: number, what: string): string[] {
  if (positionals.length < count) throw new AdminError(`缺少参数 / missing ${what}`);
  return positionals;
}

async function run(store: ServerStore, cmd: string, args: string[], v: Values, io: Io): Promise<void> {
  switch (cmd) {
    case 'user-add': {
      const [username = ''] = need(args, 1, '<username>');
      const user = await addUser(store, {
        username,
        role: v.role ?? '',
        name: v.name ?? '',
        password: await readPassword(`${username} 的密码 / password: `),
      });
      io.out(`已创建用户 / created ${user.username} (${user.role}) id ${user.id}`);
      return;
    }
    case 'set-password': {
      const [username = ''] = need(args, 1, '<username>');
      await setPassword(store, username, await readPassword(`${username} 的新密码 / new password: `));
      io.out(`已更新密码 / password set for ${username}`);
      return;
    }
    case 'assign':
    case 'unassign': {
      const [username = '', ...prefixes] = need(args, 2, '<username> <areaPrefix…>');
      const scope = await (cmd === 'assign' ? assign : unassign)(store, username, prefixes);
      io.out(`${username}: ${scope.length > 0 ? scope.join(' ') : '（无区域 / no areas）'}`);
      return;
    }
    case 'list-users': {
      const rows = (await listUsers(store)).map((u) => [u.user.username, u.user.name, u.user.role, String(u.devices), u.prefixes.join(' ')]);
      io.out(renderTable([['用户 user', '姓名 name', '角色 role', '设备 devices', '区域 areas'], ...rows]));
      return;
    }
    case 'devices': {
      const rows = (await listDevices(store, args[0])).map((d) => [d.id, d.username, d.name, d.appVersion, d.lastSeenAt, d.revokedAt ? `停用 revoked ${d.revokedAt}` : '']);
      io.out(renderTable([['设备 device', '用户 user', '名称 name', '版本 app', '最近 last seen', '状态 state'], ...rows]));
      return;
    }
    case 'revoke-device': {
      const [deviceId = ''] = need(args, 1, '<deviceId>');
      await revokeDevice(store, deviceId);
      io.out(`已停用设备 / revoked ${deviceId}`);
      return;
    }
    case 'import-frame': {
      const [file = ''] = need(args, 1, '<file>');
      let userId = SERVER_USER_ID;
      if (v.by !== undefined) {
        const by = await store.findUserByUsername(v.by.toLowerCase());
        if (!by) throw new AdminError(`没有用户 ${v.by} / no user ${v.by}`);
        userId = by.id;
      }
      // Loaded on demand: the frame parser and exceljs take most of the CLI's start-up time.
      const { importFrame } = await import('../admin/frame');
      const report = await importFrame(store, file, { userId, appVersion: serverVersion(), ...(v.county ? { county: v.county } : {}) });
      io.out(`导入 / imported ${report.imported} · 已存在 / already present ${report.skippedPresent} · 有错误 / with errors ${report.skippedErrors.length}`);
      for (const e of report.skippedErrors.slice(0, 50)) io.err(`  第 ${e.rowNo} 行 / row ${e.rowNo}: ${e.messages.join('; ')}`);
      if (report.rejectedOps > 0) io.err(`  ${report.rejectedOps} 项被拒绝 / field writes rejected`);
      return;
    }
    case 'export-units': {
      const [out = ''] = need(args, 1, '<out.csv|out.xlsx>');
      const { exportUnits } = await import('../admin/export');
      const count = await exportUnits(store, path.resolve(out));
      io.out(`已导出 ${count} 个单位 / exported ${count} units to ${out}`);
      return;
    }
    case 'forks': {
      const rows = (await listForks(store, v.all === true)).map((f) => [
        f.id,
        f.status,
        f.username,
        `${f.deviceId}${f.deviceName ? ` (${f.deviceName})` : ''}`,
        f.newDeviceId,
        `${f.forkSeq} / ${f.serverSeq}`,
        String(f.pending),
        f.requestedAt,
        f.decidedBy ? `${f.decidedBy} ${f.decidedAt ?? ''}` : '',
      ]);
      if (rows.length === 0) {
        io.out(v.all ? '没有申请 / no fork requests' : '没有待批准的申请 / no pending fork requests (--all lists every one)');
        return;
      }
      io.out(
        renderTable([
          ['申请 request', '状态 status', '用户 user', '设备 device', '新设备 branch', '分叉处/服务器 seq at/held', '待上传 unsent', '申请时间 asked', '决定 decided'],
          ...rows,
        ]),
      );
      return;
    }
    case 'approve-fork':
    case 'decline-fork': {
      const [id = ''] = need(args, 1, '<id>');
      const decided = await decideFork(store, id, cmd === 'approve-fork' ? 'approved' : 'declined', v.by);
      io.out(
        decided.status === 'approved'
          ? `已批准 / approved ${decided.id} by ${decided.decidedBy}: 设备 ${decided.deviceId} 的 ${decided.pending} 项记录将在 ${decided.newDeviceId} 上传 / its unsent changes go up as ${decided.newDeviceId} at its next sync`
          : `已拒绝 / declined ${decided.id} by ${decided.decidedBy}`,
      );
      return;
    }
    default:
      throw new UsageError(`未知的 admin 命令 / unknown admin command: ${cmd}`);
  }
}

class UsageError extends Error {}

const passwordRefused = `不再接受 --password：命令行中的密码会留在 shell 历史和进程列表中，未作任何修改。
请在提示时输入密码，或通过标准输入的第一行提供（例如 census admin set-password wang < 密码文件）。
--password is not accepted: a password on the command line lands in shell history and the
process list. Nothing was changed. Type it at the prompt, or pipe it as the first line of stdin.`;

export async function runAdmin(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string', default: './.data/server' },
        database: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        by: { type: 'string' },
        county: { type: 'string' },
        all: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        'to-attachments': { type: 'string' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${adminUsage}`);
    return 2;
  }
  const [cmd, ...args] = parsed.positionals;
  if (cmd === undefined) {
    io.err(adminUsage);
    return 2;
  }
  const { data, database, password, from, to, 'to-attachments': toAttachments, ...values } = parsed.values;
  if (password !== undefined) {
    // Recognised only to be refused: a password in argv lands in shell history and in `ps`.
    io.err(passwordRefused);
    return 2;
  }
  let store: ServerStore | undefined;
  try {
    // Reads its own source folder (--from) and writes a PostgreSQL database: no store at --data.
    if (cmd === 'migrate-store') return await runMigrateStore({ from, to, toAttachments }, io, process.env.CENSUS_SERVER_DB_KEY || undefined);
    store = await openStoreFor({ data, database });
    await run(store, cmd, args, values, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof MigrateUsageError) {
      io.err(`${e.message}\n\n${adminUsage}`);
      return 2;
    }
    if (e instanceof AdminError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await store?.close();
  }
}
