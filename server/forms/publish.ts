import { packDefect, packHash } from '@shared/node/pack-hash';
import type { PackProblem } from '@shared/packs/check';
import { diffPacks, type PackChange } from '@shared/packs/diff';
import type { PublishRefusal, ServerPackInfo } from '@shared/packs/server-api';
import { PACK_SCHEMA, packRef, type FormPack } from '@shared/packs/types';
import { builtinPackJson, builtinPackJsons } from '@shared/packs/builtin';
import { type PackRecord, type ServerStore, StoreConflictError } from '../store/types';

// Publishing a form pack: the decision (may this document become the current pack?) is a plain
// function; the store only reads and writes. Shared by POST /forms/packs and
// `census forms publish`, so the bureau's screen and the command line refuse the same packs with
// the same words.

const refusal = (code: PublishRefusal['code'], zh: string, en: string, problems: readonly PackProblem[] = []): PublishRefusal => ({
  code,
  message: `${zh} / ${en}`,
  problems: problems.slice(0, 200).map((p) => ({ place: Object.fromEntries(Object.entries(p.place).map(([k, v]) => [k, String(v)])), message: p.message })),
});

/**
 * Why `json` may not be published, or null. `stored` is the version already published under
 * the same ref, if any: the same content again is fine (idempotent), other content is not: a
 * laptop that has the first would never take the second, so a correction needs a new version.
 */
export function publicationRefusal(json: unknown, stored: { hash: string } | null): PublishRefusal | null {
  const defect = packDefect(json);
  switch (defect?.code) {
    case 'NEWER_SCHEMA':
      return refusal(
        'NEWER_SCHEMA',
        `表式包格式 ${defect.schema} 比本服务器支持的 ${PACK_SCHEMA} 新：请先升级服务器和各笔记本上的程序`,
        `pack format ${defect.schema} is newer than this server reads (${PACK_SCHEMA}): update the server and the laptops first`,
      );
    case 'INVALID': {
      const n = defect.problems.length;
      return refusal('INVALID', `表式包有 ${n} 处错误，未发布`, `the pack has ${n} problem(s); nothing was published`, defect.problems);
    }
    case 'HASH_MISMATCH':
      return refusal(
        'HASH_MISMATCH',
        '表式包的校验值与内容不符（文件在生成后被改动，或未经 forms build/seal 生成），未发布',
        'the pack\'s hash does not match its content (edited after it was built, or never sealed with forms build/seal); nothing was published',
      );
    default:
      break;
  }
  const pack = json as FormPack;
  if (stored && stored.hash !== pack.hash) {
    return refusal(
      'CONFLICTING_VERSION',
      `版本 ${packRef(pack)} 已发布过不同的内容：更正请使用新的版本号`,
      `version ${packRef(pack)} was already published with other content: publish a correction under a new version`,
    );
  }
  return null;
}

export const packInfo = (r: PackRecord): ServerPackInfo => ({
  ref: r.ref,
  id: r.packId,
  version: r.version,
  hash: r.hash,
  publishedBy: r.publishedBy,
  publishedAt: r.publishedAt,
  currentSince: r.currentSince,
});

/** The pack laptops use until the bureau publishes one: the built-in pack. */
const builtinBody = (): FormPack => builtinPackJson as FormPack;

export type PublishResult =
  | {
      ok: true;
      /** published: a new version · unchanged: it was current already · madeCurrent: an earlier version is current again. */
      outcome: 'published' | 'unchanged' | 'madeCurrent';
      pack: PackRecord;
      /** The pack in force before (the built-in one's ref before any publication). */
      previous: string;
      changes: PackChange[];
    }
  | { ok: false; refusal: PublishRefusal };

/** Checks `json` and, unless refused, makes it the current pack. Nothing is written on refusal. */
export async function publishPack(store: ServerStore, json: unknown, opts: { by: string; at: string }): Promise<PublishResult> {
  const ref = typeof json === 'object' && json !== null ? `${String((json as FormPack).id)}@${String((json as FormPack).version)}` : '';
  const stored = ref === '' ? null : await store.findPack(ref);
  const builtin = builtinBody();
  // The built-in packs are on every laptop: their refs must not be published with other content either.
  const shipped = (builtinPackJsons as readonly FormPack[]).find((b) => packRef(b) === ref);
  const same = stored ?? (shipped ? { hash: shipped.hash } : null);
  const refused = publicationRefusal(json, same);
  if (refused) return { ok: false, refusal: refused };
  const pack = json as FormPack;
  const before = await store.currentPack();
  const previousBody = before ? (JSON.parse(before.bodyJson) as FormPack) : builtin;
  const changes = diffPacks(previousBody, pack);
  const previous = before?.ref ?? packRef(builtin);
  if (before?.ref === ref) return { ok: true, outcome: 'unchanged', pack: before, previous, changes };
  try {
    const record = await store.publishPack(
      { ref, packId: pack.id, version: pack.version, hash: packHash(pack), bodyJson: JSON.stringify(pack), publishedBy: opts.by },
      opts.at,
    );
    return { ok: true, outcome: stored ? 'madeCurrent' : 'published', pack: record, previous, changes };
  } catch (e) {
    if (e instanceof StoreConflictError && e.code === 'PACK_VERSION_TAKEN') {
      return { ok: false, refusal: publicationRefusal(json, { hash: '' }) as PublishRefusal };
    }
    throw e;
  }
}

/** The ref units created on the server record (frame import): the current pack, else the built-in one. */
export async function currentPackRef(store: ServerStore): Promise<string> {
  return (await store.currentPack())?.ref ?? packRef(builtinBody());
}
