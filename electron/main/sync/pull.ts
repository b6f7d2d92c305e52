import type { AppDatabase, SqliteDatabase } from '@db/open';
import { ackedSeqsBefore, areasWithOps, deleteOps } from './queries/outbox';
import { dropSettledResolutions } from './queries/records';
import { readState, writeState } from './queries/state';
import type { SnapshotRequest } from '@shared/sync/api';
import { PROTOCOL_VERSION, type Change } from '@shared/sync/protocol';
import type { Materialiser } from './apply';
import type { ServerClient } from './client';
import { correctedNow, parseHlc, receive } from './hlc';
import { readStamp } from './identity';
import { stateKeys } from './state-keys';
import { isSyncFailure } from './errors';
import { collectGarbage } from './collect-garbage';

// Downloading by cursor. Each page is applied in one transaction together with the cursor,
// so a cut connection or a crash leaves the store at a page boundary and the next pull
// continues from there; a page delivered twice changes nothing (fields only move forward).

export interface PullContext {
  db: AppDatabase;
  sqlite: SqliteDatabase;
  client: ServerClient;
  materialiser: Materialiser;
  deviceId: string;
  now: () => Date;
  pageSize: number;
  /** Fields in the first snapshot page (SNAPSHOT_PAGE unless a test shrinks it); later pages grow. */
  snapshotPageSize: number;
  /**
   * Told the entities of each page once it is applied, and with a snapshot's first page how
   * many entities the snapshot covers: the screens count "received of total" from it.
   */
  onPage?: (changes: readonly Change[], snapshotTotal: number | null) => void;
}

/** What the local-only steps need. */
export type StoreContext = Pick<PullContext, 'db' | 'sqlite' | 'materialiser'>;

export interface PullOutcome {
  pulled: number;
  cursor: number;
  scope: string[];
  openConflicts: number;
}

const asNumber = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
const asStrings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;

export const readCursor = (db: AppDatabase): number => asNumber(readState(db, stateKeys.cursor));
export const readScope = (db: AppDatabase): string[] | null => asStrings(readState(db, stateKeys.scope));
/** Areas taken away whose local copies wait for this device's ops to go up before removal. */
const readDropsLeft = (db: AppDatabase): string[] => asStrings(readState(db, stateKeys.dropsLeft)) ?? [];

/**
 * First snapshot page size in fields; each later page is three times the one before, up to
 * SNAPSHOT_PAGE_MAX. A new unit is one field ('$create' holds its answers). The first page is
 * small so writing starts early; the next is asked for while it is written and is ready when
 * it is needed (the server reads a page several times faster than a laptop writes it). The
 * largest page bounds the pull's memory (~10 MB of JSON and its parsed form, twice with the
 * page asked ahead): at 20,000 a 100,000-unit pull peaked at 530 MiB. Pages come area by area,
 * so more of them cost few extra index writes (WAL 584 MiB for 100,000 units against 541).
 */
export const SNAPSHOT_PAGE = 1_000;
const SNAPSHOT_PAGE_MAX = 5_000;
/**
 * Once a snapshot has brought this many changes, each page of at least COLLECT_PAGE is followed
 * by a collection (collect-garbage.ts): a pull of 10,000 units ends before any and does not pay
 * for them. A snapshot whose first page lists more than COLLECT_FROM entities is large from its
 * start: its pages are collected after from the second on (waiting for 10,000 changes left two
 * pages' garbage alive at its fourth page, the pull's early peak).
 */
const COLLECT_FROM = 10_000;
const COLLECT_PAGE = 2_000;

/** Lets the HTTP client put a request just made on the wire before the thread is busy. */
const sendsOff = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Follows the HLCs of other devices' changes (see hlc.ts), inside the page's transaction. */
function observeClocks(db: AppDatabase, changes: readonly Change[], nowMs: number): void {
  const stamp = readStamp(db);
  let hlc = stamp.hlc;
  for (const c of changes) {
    const remote = parseHlc(c.hlc);
    if (remote) hlc = receive(hlc, remote, correctedNow(nowMs, stamp.clockSkewMs));
  }
  if (hlc !== stamp.hlc) writeState(db, stateKeys.hlc, hlc);
}

/** Where an unfinished snapshot goes on: the next page's token and the snapshot's asOf. */
export interface SnapshotResume {
  asOf: number;
  page: string;
}

const readResume = (db: AppDatabase): SnapshotResume | null => {
  const v = readState(db, stateKeys.snapshotResume);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const { asOf, page } = v as Record<string, unknown>;
  return typeof asOf === 'number' && typeof page === 'string' && page !== '' ? { asOf, page } : null;
};

/**
 * Fetches every page of a snapshot and applies it; entities it covers are replaced (the
 * snapshot is the truth about them) and, with `dropMissing`, local entities of the filter it
 * does not list are removed once none of their ops waits. Returns the snapshot's asOf.
 * With `resumable`, each page's transaction also keeps where the next page starts
 * (stateKeys.snapshotResume), and `from` continues a snapshot cut off there: 100,000 units
 * over a link that drops are never fetched twice. The pages it skips were applied whole, and
 * the ones left were never applied, so nothing needs replacing.
 */
export async function fetchSnapshot(
  ctx: PullContext,
  filter: Pick<SnapshotRequest, 'areaPrefix' | 'buckets' | 'entityIds'>,
  dropMissing?: (entityIds: ReadonlySet<string>) => void,
  resume: { resumable: boolean; from?: SnapshotResume | null } = { resumable: false },
): Promise<{ asOf: number; applied: number }> {
  const reset = new Set<string>();
  type Page = Awaited<ReturnType<PullContext['client']['snapshot']>>;
  const from = resume.from ?? null;
  let limit = from ? SNAPSHOT_PAGE_MAX : ctx.snapshotPageSize;
  const request = (page?: string): Promise<Page> => ctx.client.snapshot({ protocol: PROTOCOL_VERSION, ...filter, limit, ...(page ? { page } : {}) });
  let asOf = from?.asOf ?? 0;
  let applied = 0;
  let received = 0;
  let isFirst = from === null;
  let isLarge = false;
  let pending: Promise<Page> | null = request(from?.page);
  while (pending) {
    const res: Page = await pending;
    // The next page is asked for before this one is written, so the server reads and sends it
    // while this laptop is busy with SQLite: a fresh pull costs the slower of the two, not both.
    limit = Math.min(limit * 3, SNAPSHOT_PAGE_MAX);
    pending = res.nextPage ? request(res.nextPage) : null;
    // A failure of the page asked for ahead surfaces when it is awaited, not as an unhandled rejection.
    pending?.catch(() => undefined);
    if (pending) await sendsOff();
    ctx.sqlite.transaction(() => {
      if (isFirst) {
        asOf = res.asOf;
        isLarge = (res.entityIds?.length ?? 0) > COLLECT_FROM;
        for (const id of res.entityIds ?? []) reset.add(id);
        if (res.entityIds && dropMissing) dropMissing(new Set(res.entityIds));
      }
      const result = ctx.materialiser.applyChanges(res.changes, { ownDeviceId: ctx.deviceId, reset, trace: false });
      applied += result.applied;
      observeClocks(ctx.db, res.changes, ctx.now().getTime());
      if (resume.resumable) writeState(ctx.db, stateKeys.snapshotResume, res.nextPage ? { asOf, page: res.nextPage } : null);
    })();
    ctx.onPage?.(res.changes, isFirst ? (res.entityIds?.length ?? null) : null);
    isFirst = false;
    received += res.changes.length;
    if ((isLarge || received >= COLLECT_FROM) && res.changes.length >= COLLECT_PAGE) collectGarbage();
  }
  return { asOf, applied };
}

/**
 * Removes entities under `removed` prefixes that the current scope no longer covers and no op
 * of this device waits on. Returns the prefixes that still hold such entities (ops waiting):
 * they are tried again after later syncs, once those ops have gone up.
 */
export function dropAreas(ctx: StoreContext, removed: readonly string[], scope: readonly string[]): string[] {
  if (removed.length === 0) return [];
  const isCovered = (area: string) => scope.some((p) => area.startsWith(p));
  const waiting = areasWithOps(ctx.db);
  const leftover = ctx.sqlite
    .prepare<[], { entity: string; entity_id: string; area_code: string }>('SELECT entity, entity_id, area_code FROM sync_base')
    .all()
    .filter((r) => removed.some((p) => r.area_code.startsWith(p)) && !isCovered(r.area_code));
  const drop = leftover.filter((r) => !waiting.has(r.area_code));
  dropEntities(ctx, drop.map((r) => ({ entity: r.entity, entityId: r.entity_id })));
  const kept = leftover.filter((r) => waiting.has(r.area_code));
  return removed.filter((p) => kept.some((r) => r.area_code.startsWith(p)));
}

/** Deletes local copies (base and, through its kind's adapter, its rows) of entities the server no longer shows this user. */
export function dropEntities(ctx: StoreContext, entities: readonly { entity: string; entityId: string }[]): number {
  ctx.sqlite.transaction(() => {
    for (const e of entities) ctx.materialiser.drop(e.entity, e.entityId);
  })();
  return entities.length;
}

/**
 * The first snapshot of a store, continued from `from` when one was cut off. A server that no
 * longer takes the page token (restored, or answering another way) is asked from the start:
 * the pages applied so far are then replaced, not merged.
 */
async function freshSnapshot(ctx: PullContext, buckets: string[], from: SnapshotResume | null): Promise<{ asOf: number; applied: number }> {
  if (from) {
    try {
      return await fetchSnapshot(ctx, { buckets }, undefined, { resumable: true, from });
    } catch (e) {
      // The server's INVALID_INPUT (client.ts failure()): any other failure keeps the place.
      if (!(isSyncFailure(e) && e.code === 'SERVER_ERROR' && e.message.startsWith('INVALID_INPUT'))) throw e;
      writeState(ctx.db, stateKeys.snapshotResume, null);
    }
  }
  return fetchSnapshot(ctx, { buckets }, undefined, { resumable: true });
}

export async function pullAll(ctx: PullContext, startedAt: string): Promise<PullOutcome> {
  let cursor = readCursor(ctx.db);
  let scope = readScope(ctx.db);
  let pulled = 0;
  let openConflicts: number;
  if (cursor === 0) {
    // A fresh store: the current state of everything in scope, not the whole history; a
    // snapshot cut off by a failure goes on from its next page.
    const all = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
    const snap = await freshSnapshot(ctx, all, readResume(ctx.db));
    pulled += snap.applied;
    cursor = snap.asOf;
    ctx.sqlite.transaction(() => {
      writeState(ctx.db, stateKeys.cursor, cursor);
      writeState(ctx.db, stateKeys.snapshotResume, null);
    })();
  }
  type Page = Awaited<ReturnType<PullContext['client']['pull']>>;
  const request = (from: number, inScope: string[] | null): Promise<Page> =>
    ctx.client.pull({ protocol: PROTOCOL_VERSION, cursor: from, limit: ctx.pageSize, ...(inScope ? { scope: inScope } : {}) });
  let ahead: Promise<Page> | null = null;
  for (;;) {
    const res: Page = await (ahead ?? request(cursor, scope));
    ahead = null;
    // As with snapshot pages, the next page is asked for before this one is written, unless
    // this one changed the scope: what it adds is fetched first and the next request names it.
    if (res.hasMore && (scope === null || !res.scopeChanged)) {
      ahead = request(res.cursor, res.scope);
      // A failure surfaces when the page is awaited, not as an unhandled rejection.
      ahead.catch(() => undefined);
      await sendsOff();
    }
    let unknown: string[] = [];
    ctx.sqlite.transaction(() => {
      const result = ctx.materialiser.applyChanges(res.changes, { ownDeviceId: ctx.deviceId, trace: true });
      unknown = result.unknownEntities;
      pulled += result.applied;
      observeClocks(ctx.db, res.changes, ctx.now().getTime());
      writeState(ctx.db, stateKeys.cursor, res.cursor);
      writeState(ctx.db, stateKeys.scope, res.scope);
    })();
    ctx.onPage?.(res.changes, null);
    cursor = res.cursor;
    openConflicts = res.openConflicts;
    const previous = scope;
    scope = res.scope;
    // Newly assigned areas: their past never comes by pull.
    const added = previous ? res.scopeAdded : [];
    for (const prefix of added) pulled += (await fetchSnapshot(ctx, { areaPrefix: prefix })).applied;
    const toDrop = [...new Set([...res.scopeRemoved, ...readDropsLeft(ctx.db)])];
    if (toDrop.length > 0) writeState(ctx.db, stateKeys.dropsLeft, dropAreas(ctx, toDrop, res.scope));
    // Edits to entities this store never saw created (e.g. moved into scope from elsewhere).
    for (let i = 0; i < unknown.length; i += 1_000) {
      pulled += (await fetchSnapshot(ctx, { entityIds: unknown.slice(i, i + 1_000) })).applied;
    }
    if (!res.hasMore) break;
  }
  settleAcked(ctx, startedAt);
  return { pulled, cursor, scope: scope ?? [], openConflicts };
}

/**
 * After a complete pull, ops acked before it began are reflected in the base (won, merged or
 * lost a race): they stop sitting on top and their units show the server's state, and the
 * conflicts their resolutions closed leave the list (the settled state, whatever the next
 * conflict-list refresh does).
 */
export function settleAcked(ctx: StoreContext, before: string): void {
  ctx.sqlite.transaction(() => {
    const seqs = ackedSeqsBefore(ctx.db, before);
    if (seqs.length === 0) return;
    const changed = ctx.materialiser.entitiesChangedBySettling(seqs);
    dropSettledResolutions(ctx.db, seqs);
    deleteOps(ctx.db, seqs);
    ctx.materialiser.rebuildEntities(changed, new Date().toISOString());
  })();
}
