import { desc, eq, isNotNull, max } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { formPacks } from '@db/schema';
import { packDefect } from '@shared/node/pack-hash';
import { builtinByRef, builtinRegistry, UNRECORDED_PACK_REF } from '@shared/packs/builtin';
import type { PackProblem } from '@shared/packs/check';
import { loadPack, type LoadedPack } from '@shared/packs/load';
import type { PackRegistry, PackChoice } from '@shared/packs/registry';
import { PACK_SCHEMA, type FormPack, type PackRef } from '@shared/packs/types';

// The form packs of this laptop: the built-in one and every one received by sync (form_packs),
// loaded once per store and kept in step with the table by storePack. The pack in force is the
// one activated last; units keep theirs (units.form_pack) until a draft is opened or a submitted
// unit reopened (electron/main/registration/pack-move.ts).

const registries = new WeakMap<AppDatabase, PackRegistry>();

/** The packs of this store, loaded on first use. A stored pack that no longer loads (a bug in an
 * older build let it in) is skipped with a warning: the units filled under it fall back to the
 * pack in force and say so (PackChoice.fallback). */
export function packsOf(db: AppDatabase): PackRegistry {
  let registry = registries.get(db);
  if (registry) return registry;
  registry = builtinRegistry();
  const rows = db.select().from(formPacks).all();
  const active = db
    .select({ ref: formPacks.ref })
    .from(formPacks)
    .where(isNotNull(formPacks.activationSeq))
    .orderBy(desc(formPacks.activationSeq))
    .limit(1)
    .get();
  for (const row of rows) {
    try {
      registry.add(loadPack(JSON.parse(row.body)), { current: row.ref === active?.ref });
    } catch (e) {
      console.warn(`[forms] stored pack ${row.ref} does not load:`, e instanceof Error ? e.message : e);
    }
  }
  registries.set(db, registry);
  return registry;
}

/** The pack a unit is shown and checked with (its own, else the one in force). */
export function packForUnit(db: AppDatabase, ref: PackRef | null | undefined): PackChoice {
  return packsOf(db).forUnit(ref, UNRECORDED_PACK_REF);
}

export type PackRefusal =
  | { code: 'NEWER_SCHEMA'; message: string }
  | { code: 'HASH_MISMATCH'; message: string }
  | { code: 'INVALID'; message: string; problems: readonly PackProblem[] }
  | { code: 'CONFLICTING_VERSION'; message: string };

/** Why a received pack document cannot be used, or null when it can. */
export function refuseReason(json: unknown, stored?: { hash: string }): PackRefusal | null {
  const defect = packDefect(json);
  switch (defect?.code) {
    case 'NEWER_SCHEMA':
      return {
        code: 'NEWER_SCHEMA',
        message: `表式包格式 ${defect.schema} 比本程序支持的 ${PACK_SCHEMA} 新：请升级程序后再同步，在此之前继续使用原表式`,
      };
    case 'INVALID':
      return { code: 'INVALID', message: `表式包有 ${defect.problems.length} 处错误，未采用：${defect.problems[0]?.message ?? ''}`, problems: defect.problems };
    case 'HASH_MISMATCH':
      return { code: 'HASH_MISMATCH', message: '表式包内容与其校验值不符（传输中损坏或被改动），未采用，继续使用原表式' };
    default:
      break;
  }
  const pack = json as FormPack;
  if (stored && stored.hash !== pack.hash) {
    return { code: 'CONFLICTING_VERSION', message: `表式包 ${pack.id} ${pack.version} 与本机已有的同版本内容不同，未采用` };
  }
  return null;
}

const nextActivation = (db: AppDatabase): number =>
  (db.select({ top: max(formPacks.activationSeq) }).from(formPacks).get()?.top ?? 0) + 1;

export type StoreResult = { ok: true; pack: LoadedPack; isNew: boolean } | { ok: false; refusal: PackRefusal };

/**
 * Keeps a received pack (checked: schema, content, hash) and, with `activate`, puts it in force.
 * A refused pack changes nothing: the pack in force stays.
 */
export function storePack(db: AppDatabase, json: unknown, options: { activate: boolean; at: Date }): StoreResult {
  const ref = typeof json === 'object' && json !== null ? `${String((json as FormPack).id)}@${String((json as FormPack).version)}` : '';
  const existing = ref ? db.select().from(formPacks).where(eq(formPacks.ref, ref)).get() : undefined;
  const builtin = builtinByRef(ref);
  const refusal = refuseReason(json, existing ?? (builtin ? { hash: builtin.body.hash } : undefined));
  if (refusal) return { ok: false, refusal };
  const pack = loadPack(json);
  const registry = packsOf(db);
  const at = options.at.toISOString();
  if (existing) {
    if (options.activate) db.update(formPacks).set({ activatedAt: at, activationSeq: nextActivation(db) }).where(eq(formPacks.ref, ref)).run();
  } else {
    db.insert(formPacks)
      .values({
        ref: pack.ref,
        packId: pack.id,
        version: pack.version,
        hash: pack.body.hash,
        body: JSON.stringify(pack.body),
        receivedAt: at,
        activatedAt: options.activate ? at : null,
        activationSeq: options.activate ? nextActivation(db) : null,
      })
      .run();
  }
  registry.add(registry.get(pack.ref) ?? pack, { current: options.activate });
  return { ok: true, pack: registry.get(pack.ref) ?? pack, isNew: !existing && !builtin };
}
