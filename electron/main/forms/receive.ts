import { isNotNull } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { units } from '@db/schema';
import { diffPacks } from '@shared/packs/diff';
import type { ServerPackInfo } from '@shared/packs/server-api';
import type { ServerClient } from '../sync/client';
import { insertLog } from '../sync/queries/records';
import { addRefusalNotice, addUpdateNotice, wasRefused } from './notices';
import { packsOf, storePack, type PackRefusal } from './packs';

// Form packs by sync: after each complete pull (core.ts afterPull) the laptop asks the server
// for the bureau's current pack and takes it when it lacks it (checked by storePack: a refused
// pack changes nothing and the previous stays in force); it also fetches every pack a unit
// names that is not here (units pulled from another laptop). A pack coming into force leaves an
// update notice with what changed; a refusal leaves a notice and a sync log line in Chinese.

type PackClient = Pick<ServerClient, 'currentPack' | 'packDocument'>;

export interface PackReceipt {
  /** The pack now in force, when this sync changed it. */
  activated: string | null;
  /** Packs kept for units filled under them. */
  fetched: string[];
  refused: { ref: string; code: PackRefusal['code'] }[];
}

const hashOf = (json: unknown): string => {
  const hash = typeof json === 'object' && json !== null ? (json as { hash?: unknown }).hash : undefined;
  return typeof hash === 'string' ? hash.slice(0, 64) : '';
};

const refOf = (json: unknown): string => {
  const j = typeof json === 'object' && json !== null ? (json as { id?: unknown; version?: unknown }) : {};
  return `${String(j.id)}@${String(j.version)}`;
};

/** A document that is not the one asked for (another version, or other content than the server named). */
function mismatch(json: unknown, ref: string, hash: string | null): PackRefusal | null {
  if (refOf(json) !== ref) {
    return { code: 'INVALID', message: `服务器发来的表式包（${refOf(json)}）不是所请求的 ${ref}，未采用，继续使用原表式`, problems: [] };
  }
  if (hash !== null && hashOf(json) !== hash) {
    return { code: 'HASH_MISMATCH', message: '表式包内容与服务器公布的校验值不符（传输中损坏或被改动），未采用，继续使用原表式' };
  }
  return null;
}

function refuse(db: AppDatabase, ref: string, hash: string, refusal: PackRefusal, at: string, receipt: PackReceipt): void {
  const previousRef = packsOf(db).current.ref;
  db.transaction((tx) => {
    addRefusalNotice(tx, { ref, previousRef, hash, code: refusal.code, message: refusal.message, at });
    insertLog(tx, { startedAt: at, finishedAt: at, trigger: 'forms', outcome: 'error', errorCode: refusal.code, message: `表式包 ${ref}：${refusal.message}` });
  });
  console.warn(`[forms] pack ${ref} refused: ${refusal.code} ${refusal.message}`);
  receipt.refused.push({ ref, code: refusal.code });
}

/** Puts the server's current pack in force here, when it is not already. */
async function takeCurrent(db: AppDatabase, client: PackClient, current: ServerPackInfo, now: () => Date, receipt: PackReceipt): Promise<void> {
  const registry = packsOf(db);
  const before = registry.current;
  if (before.ref === current.ref && before.body.hash === current.hash) return;
  // The same document, already refused by this app: wait for an update of the app, quietly.
  if (wasRefused(db, current.ref, current.hash)) return;
  const held = registry.get(current.ref);
  const json = held && held.body.hash === current.hash ? held.body : await client.packDocument(current.ref);
  if (json === null) return;
  const at = now();
  const wrong = mismatch(json, current.ref, current.hash);
  const stored = wrong ? ({ ok: false, refusal: wrong } as const) : storePack(db, json, { activate: true, at });
  if (!stored.ok) {
    // Remembered by the hash the server names, so the same publication is not fetched again.
    refuse(db, current.ref, current.hash, stored.refusal, at.toISOString(), receipt);
    return;
  }
  addUpdateNotice(db, { ref: stored.pack.ref, previousRef: before.ref, hash: stored.pack.body.hash, changes: diffPacks(before.body, stored.pack.body), at: at.toISOString() });
  receipt.activated = stored.pack.ref;
}

/** Fetches the packs units name that this laptop lacks, kept without putting them in force. */
async function takeUnitPacks(db: AppDatabase, client: PackClient, now: () => Date, receipt: PackReceipt): Promise<void> {
  const named = db.selectDistinct({ ref: units.formPack }).from(units).where(isNotNull(units.formPack)).all();
  for (const { ref } of named) {
    if (ref === null || packsOf(db).has(ref) || wasRefused(db, ref, null)) continue;
    const json = await client.packDocument(ref);
    if (json === null) continue;
    const at = now();
    const wrong = mismatch(json, ref, null);
    const stored = wrong ? ({ ok: false, refusal: wrong } as const) : storePack(db, json, { activate: false, at });
    if (stored.ok) receipt.fetched.push(stored.pack.ref);
    else refuse(db, ref, hashOf(json), stored.refusal, at.toISOString(), receipt);
  }
}

/** The form-pack step of a sync; network failures end the run like any other request's. */
export async function receivePacks(db: AppDatabase, client: PackClient, now: () => Date): Promise<PackReceipt> {
  const receipt: PackReceipt = { activated: null, fetched: [], refused: [] };
  const current = await client.currentPack();
  if (current) await takeCurrent(db, client, current, now, receipt);
  await takeUnitPacks(db, client, now, receipt);
  return receipt;
}
