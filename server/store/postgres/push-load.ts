import type pg from 'pg';
import { ResolveValue } from '@shared/sync/api';
import type { PushInput } from '../../sync/push-batch';
import { entityKey, fieldKey, type GroupState } from './push-state';

// What a push group's decisions read, after its locks (push.ts): the current fields its ops
// write, the conflicts they resolve, the stored ops of replayed seqs, and refused creates of
// entities edited before they exist. One statement each for the whole group.

/** Reads what deciding needs: the fields the ops write, conflicts resolved, replayed ops, refused creates. */
export async function loadForDecisions(
  client: pg.PoolClient,
  state: GroupState,
  inputs: readonly PushInput[],
  conflictIds: ReadonlySet<string>,
  placeholders: readonly [string, string][],
): Promise<void> {
  if (conflictIds.size > 0) {
    const rows = await client.query<{ id: string; entity: string; entity_id: string; field: string; status: string }>(
      'SELECT id, entity, entity_id, field, status FROM conflicts WHERE id = ANY($1::text[])',
      [[...conflictIds]],
    );
    for (const r of rows.rows) state.conflicts.set(r.id, { id: r.id, entity: r.entity, entityId: r.entity_id, field: r.field, status: r.status });
  }
  const wanted = new Map<string, [string, string, string]>();
  for (const { batch } of inputs) {
    for (const op of batch) {
      if (op.field === '$create') continue;
      let field = op.field;
      if (field === '$resolve') {
        const parsed = ResolveValue.safeParse(op.value);
        const target = parsed.success ? state.conflicts.get(parsed.data.conflictId)?.field : undefined;
        if (target === undefined) continue;
        field = target;
      }
      wanted.set(fieldKey(op.entity, op.entityId, field), [op.entity, op.entityId, field]);
    }
  }
  if (wanted.size > 0) {
    const keys = [...wanted.values()];
    const rows = await client.query<{ entity: string; entity_id: string; field: string; version: number; device_id: string; hlc: string; sha: string }>(
      `SELECT fs.entity, fs.entity_id, fs.field, fs.version, fs.device_id, fs.hlc, encode(sha256(convert_to(fs.value, 'UTF8')), 'hex') AS sha
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(e, i, f)
       JOIN field_state fs ON fs.entity = k.e AND fs.entity_id = k.i AND fs.field = k.f`,
      [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.map((k) => k[2])],
    );
    for (const r of rows.rows) {
      state.fields.set(fieldKey(r.entity, r.entity_id, r.field), { version: r.version, deviceId: r.device_id, hlc: r.hlc, valueSha: r.sha });
    }
  }
  // Replays: the stored hashes and outcomes of a batch's seqs the device already stored.
  const replayed = new Map<string, [number, number]>();
  for (const { ctx, batch } of inputs) {
    const head = state.lastOp(ctx.deviceId).seq;
    const seqs = batch.map((op) => op.seq).filter((s) => s <= head);
    if (seqs.length === 0) continue;
    const [from, to] = replayed.get(ctx.deviceId) ?? [Number.POSITIVE_INFINITY, 0];
    replayed.set(ctx.deviceId, [Math.min(from, ...seqs), Math.max(to, head)]);
  }
  for (const [deviceId, [from, to]] of replayed) {
    const rows = await client.query<{ seq: number; hash: string; outcome: string; reject_code: string | null; reject_message: string | null; conflict_id: string | null }>(
      'SELECT seq, hash, outcome, reject_code, reject_message, conflict_id FROM ops WHERE device_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
      [deviceId, from, to],
    );
    const outcomes = [];
    for (const r of rows.rows) {
      state.hashes.set(`${deviceId}\u0000${r.seq}`, r.hash);
      if (r.outcome !== 'applied') {
        outcomes.push({
          seq: r.seq,
          outcome: r.outcome as 'won' | 'lost' | 'rejected',
          rejectCode: r.reject_code as never,
          rejectMessage: r.reject_message,
          conflictId: r.conflict_id,
        });
      }
    }
    state.storedOutcomes.set(deviceId, outcomes);
  }
  // Edits of entities not stored: was it the same user's own refused create? The op log has
  // no key for this (it is asked of every partition's entity index), so only where a refusal
  // stored before can decide: not for an entity whose batch creates it before editing it (a
  // first sync), where that '$create' decides (stored, or refused and remembered by the group).
  const asked = editedBeforeCreated(inputs, state);
  const editedUnknown = placeholders.filter(([e, i]) => asked.has(entityKey(e, i)));
  if (editedUnknown.length > 0) {
    const rows = await client.query<{ entity: string; entity_id: string; user_id: string }>(
      `SELECT DISTINCT o.entity, o.entity_id, o.user_id FROM unnest($1::text[], $2::text[]) AS k(e, i)
       JOIN ops o ON o.entity = k.e AND o.entity_id = k.i WHERE o.field = '$create' AND o.outcome = 'rejected'`,
      [editedUnknown.map((k) => k[0]), editedUnknown.map((k) => k[1])],
    );
    for (const r of rows.rows) state.refusedCreates.add(`${entityKey(r.entity, r.entity_id)}\u0000${r.user_id}`);
  }
}

/**
 * Entities a batch edits before it creates them (by a '$create' of its own user not stored
 * before): only for these can an earlier refused create answer an edit (apply.ts unseenEntity).
 */
function editedBeforeCreated(inputs: readonly PushInput[], state: GroupState): Set<string> {
  const out = new Set<string>();
  for (const { ctx, batch } of inputs) {
    const head = state.lastOp(ctx.deviceId).seq;
    const created = new Set<string>();
    for (const op of [...batch].sort((a, b) => a.seq - b.seq)) {
      const key = entityKey(op.entity, op.entityId);
      if (op.field === '$create') {
        if (op.seq > head && op.userId === ctx.userId) created.add(key);
      } else if (!created.has(key)) out.add(key);
    }
  }
  return out;
}
