import { PushRequest } from '@shared/sync/protocol';
import { jsonOfBody } from '../http/body';
import { invalidInputMessage } from '../http/invalid-input';
import { plainPushRequest } from './push-request';
import { checkOps, type OpCheck, type Pusher } from './op-checks';

// A push body from its bytes (already gunzipped and held to the body cap by http/body.ts) to
// the request and each op's checks: text, JSON, shape (push-request.ts, else the schema), hash
// and content (op-checks.ts). Pure and synchronous, so the same function runs inline for a small
// push and on a worker thread for a large one (push-body-pool.ts): for a first sync's batches
// this is about two fifths of the server's work per op, none of it needing the database.

export type PushBody =
  | { ok: true; request: PushRequest; checks: OpCheck[] }
  | { ok: false; code: 'INVALID_INPUT'; message: string };

export function readPushBody(bytes: Uint8Array, by: Pusher): PushBody {
  let raw: unknown;
  try {
    raw = jsonOfBody(bytes);
  } catch (e) {
    return { ok: false, code: 'INVALID_INPUT', message: e instanceof Error ? e.message : String(e) };
  }
  let request = plainPushRequest(raw);
  if (request === null) {
    const parsed = PushRequest.safeParse(raw);
    if (!parsed.success) return { ok: false, code: 'INVALID_INPUT', message: invalidInputMessage(parsed.error) };
    request = parsed.data;
  }
  return { ok: true, request, checks: checkOps(request.ops, by) };
}
