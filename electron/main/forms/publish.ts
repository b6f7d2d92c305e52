import type { AppDatabase } from '@db/open';
import { builtinByRef, builtinPack } from '@shared/packs/builtin';
import { diffPacks } from '@shared/packs/diff';
import type { PackFile, PackPreview, PackPublished } from '@shared/packs/notice';
import { PACK_SCHEMA, packRef, type FormPack } from '@shared/packs/types';
import { packDefect } from '@shared/node/pack-hash';
import { loadWorkbook, problemLine, WorkbookFileError, workbookToPack } from '@shared/node/pack-workbook';
import { AppError } from '@shared/result';
import { requirePermission } from '../session/roles';
import type { ServerClient } from '../sync/client';
import { isSyncFailure, SyncFailure } from '../sync/errors';

// The bureau's screen: pick a pack file (JSON, or the authoring workbook, built here as
// `census forms build` would), see its problems and what it changes against the
// server's current pack (forms:preview), then publish exactly that pack (forms:publish) with
// the signed-in admin's session. The server checks everything again (server/forms/publish.ts).

type Client = Pick<ServerClient, 'currentPack' | 'packDocument' | 'publishPack'>;

export interface PublishDeps {
  db: AppDatabase;
  /** A client with a fresh access token (sync engine). */
  client: () => Promise<Client>;
}

const place = (p: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
const problem = (zh: string, en: string) => ({ place: { kind: 'pack', field: '' }, message: `${zh} / ${en}` });

/** The pack document in a chosen file (a pack JSON, or a workbook built into a sealed pack), or the problems that stop reading it. */
async function readPackFile(file: PackFile): Promise<{ json: unknown } | { problems: PackPreview['problems'] }> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (/\.xlsx$/i.test(file.fileName)) {
    try {
      const built = workbookToPack(await loadWorkbook(new Uint8Array(bytes), file.fileName));
      if (built.pack) return { json: built.pack };
      // Each problem at its sheet, row and column, as `census forms build` lists them.
      return { problems: built.problems.map((p) => ({ place: { kind: 'workbook', sheet: p.sheet, row: String(p.row), column: p.column, header: p.header }, message: `${problemLine(p)}` })) };
    } catch (e) {
      if (e instanceof WorkbookFileError) return { problems: [{ place: { kind: 'workbook', sheet: '', row: '0', column: '', header: '' }, message: e.message }] };
      throw e;
    }
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { problems: [problem('文件不是表式包（无法按 JSON 读取）', 'the file is not a pack document (not readable as JSON)')] };
  }
}

function problemsOf(json: unknown): PackPreview['problems'] {
  const defect = packDefect(json);
  switch (defect?.code) {
    case 'NEWER_SCHEMA':
      return [problem(`表式包格式 ${defect.schema} 比本程序支持的 ${PACK_SCHEMA} 新，请先升级程序`, `pack format ${defect.schema} is newer than this app reads (${PACK_SCHEMA}); update the app first`)];
    case 'INVALID':
      return defect.problems.map((p) => ({ place: place(p.place), message: p.message }));
    case 'HASH_MISMATCH':
      return [problem('表式包的校验值与内容不符（生成后被改动，或未经 forms build 生成）', "the pack's hash does not match its content (edited after it was built, or not built with forms build)")];
    default:
      return [];
  }
}

/** A sync failure as the bureau's screen says it (the IPC boundary knows only AppError). */
function asAppError(e: unknown): unknown {
  if (!isSyncFailure(e)) return e;
  switch (e.code) {
    case 'NOT_CONFIGURED':
    case 'NOT_LOGGED_IN':
    case 'SESSION_EXPIRED':
    case 'DEVICE_REVOKED':
      return new AppError('UNAUTHORIZED', e.message, undefined, { zh: '请先在“同步”页登录服务器（区统计局账号）', en: 'Sign in to the server on the Sync page first (a bureau account)' });
    case 'FORBIDDEN':
      return new AppError('FORBIDDEN', e.message, undefined, { zh: '服务器拒绝：只有区统计局（管理员）可以发布表式', en: 'The server refused: only the bureau (admin) may publish forms' });
    default:
      return new AppError('UNAVAILABLE', e.message, undefined, { zh: `无法连接服务器，未发布（${e.code}）`, en: `Could not reach the server; nothing was published (${e.code})` });
  }
}

async function talking<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw asAppError(e);
  }
}

export function createPackPublisher(deps: PublishDeps) {
  // The packs previewed in this session, by hash: forms:publish sends one of these and nothing else.
  const previewed = new Map<string, FormPack>();

  async function serverCurrent(client: Client): Promise<{ ref: string; body: FormPack }> {
    const current = await client.currentPack();
    if (!current) return { ref: builtinPack().ref, body: builtinPack().body };
    const json = await client.packDocument(current.ref);
    if (json === null) throw new SyncFailure('SERVER_ERROR', `the server names ${current.ref} as current but has no document for it`);
    return { ref: current.ref, body: json as FormPack };
  }

  return {
    async preview(file: PackFile): Promise<PackPreview> {
      requirePermission(deps.db, 'forms.publish');
      const read = await readPackFile(file);
      const empty = { fileName: file.fileName, pack: null, against: null, changes: [], onServer: 'no' as const, canPublish: false };
      if ('problems' in read) return { ...empty, problems: read.problems };
      const problems = problemsOf(read.json);
      const j = read.json as Partial<FormPack>;
      const isPackLike = typeof j === 'object' && j !== null && typeof j.id === 'string' && typeof j.version === 'string';
      const pack = isPackLike
        ? { ref: `${j.id}@${j.version}`, id: String(j.id), version: String(j.version), date: String(j.date ?? ''), titleZh: String(j.titleZh ?? ''), titleEn: String(j.titleEn ?? ''), hash: String(j.hash ?? ''), ...(j.notesZh ? { notesZh: j.notesZh } : {}), ...(j.notesEn ? { notesEn: j.notesEn } : {}) }
        : null;
      if (problems.length > 0) return { ...empty, pack, problems };
      const body = read.json as FormPack;
      const ref = packRef(body);
      const { current, stored } = await talking(async () => {
        const client = await deps.client();
        const now = await serverCurrent(client);
        const held = ref === now.ref ? now.body : (builtinByRef(ref)?.body ?? (await client.packDocument(ref)));
        return { current: now, stored: held };
      });
      const onServer = stored === null ? 'no' : (stored as FormPack).hash === body.hash ? 'same' : 'different';
      if (onServer === 'different') {
        problems.push(problem(`版本 ${ref} 已发布过不同的内容：更正请使用新的版本号`, `version ${ref} was already published with other content: use a new version`));
      }
      previewed.set(body.hash, body);
      return { fileName: file.fileName, pack, problems, against: current.ref, changes: diffPacks(current.body, body), onServer, canPublish: problems.length === 0 };
    },

    async publish(hash: string): Promise<PackPublished> {
      requirePermission(deps.db, 'forms.publish');
      const pack = previewed.get(hash);
      if (!pack) throw new AppError('NOT_FOUND', '请先选择并预览要发布的表式包 / pick and preview the pack first');
      const answer = await talking(async () => (await deps.client()).publishPack(pack));
      if (!answer.ok) {
        const [zh = '', en = ''] = answer.refusal.message.split(' / ');
        throw new AppError('RULE_VIOLATION', answer.refusal.message, answer.refusal.problems.slice(0, 50).map((p) => ({ path: Object.values(p.place).join('.'), message: p.message })), { zh: `服务器未发布：${zh}`, en: `The server did not publish it: ${en}` });
      }
      return { outcome: answer.result.outcome, ref: answer.result.pack.ref, previous: answer.result.previous, changes: answer.result.changes };
    },
  };
}
