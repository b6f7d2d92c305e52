import { PushRequest } from '@shared/sync/protocol';
import { jsonOfBody } from '../http/body';
import { invalidInputMessage } from '../http/invalid-input';
import { checkOps, type OpCheck, type Pusher } from './op-checks';
import { plainPushRequest } from './push-request';

// A push body from its bytes (already gunzipped and held to the body cap by http/body.ts) to
// the request and each op's checks: text, JSON, shape (push-request.ts, else the schema), hash
// and content (op-checks.ts). Pure and synchronous. A small push is read inline (readPushBody);
// a large one is checked on a worker thread (checkPushBody, push-body-pool.ts) while the request
// thread parses the same bytes itself and joins the two (joinPushBody): what crosses between
// threads is each op's check (its value's canonical text and any refusal), not the parsed
// value, since copying object graphs between threads costs about as much as parsing them and a
// string crosses as a copy of its bytes.

export type PushBody =
  | { ok: true; request: PushRequest; checks: OpCheck[] }
  | { ok: false; code: 'INVALID_INPUT'; message: string };

export type CheckedPushBody =
  | { ok: true; /** the body passed the plain check, so its parsed JSON is the request */ isPlain: boolean; checks: OpCheck[] }
  | { ok: false; code: 'INVALID_INPUT'; message: string };

type Parsed = { ok: true; request: PushRequest; isPlain: boolean } | { ok: false; code: 'INVALID_INPUT'; message: string };

function parsePushBody(bytes: Uint8Array): Parsed {
  let raw: unknown;
  try {
    raw = jsonOfBody(bytes);
  } catch (e) {
    return { ok: false, code: 'INVALID_INPUT', message: e instanceof Error ? e.message : String(e) };
  }
  const request = plainPushRequest(raw);
  if (request !== null) return { ok: true, request, isPlain: true };
  const parsed = PushRequest.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'INVALID_INPUT', message: invalidInputMessage(parsed.error) };
  return { ok: true, request: parsed.data, isPlain: false };
}

/** The whole reading, inline. */
export function readPushBody(bytes: Uint8Array, by: Pusher): PushBody {
  const parsed = parsePushBody(bytes);
  return parsed.ok ? { ok: true, request: parsed.request, checks: checkOps(parsed.request.ops, by) } : parsed;
}

/** The worker's half: every check, without the request. */
export function checkPushBody(bytes: Uint8Array, by: Pusher): CheckedPushBody {
  const parsed = parsePushBody(bytes);
  return parsed.ok ? { ok: true, isPlain: parsed.isPlain, checks: checkOps(parsed.request.ops, by) } : parsed;
}

/**
 * The request thread's half: `raw` is its own JSON.parse of the same bytes (jsonOfBody), joined
 * with the worker's checks into what readPushBody answers.
 */
export function joinPushBody(raw: unknown, checked: CheckedPushBody): PushBody {
  if (!checked.ok) return checked;
  // The plain check passed on these very bytes, so their JSON is the request as it stands;
  // otherwise the schema makes it (the worker already found that it passes).
  const request = checked.isPlain ? (raw as PushRequest) : PushRequest.parse(raw);
  if (checked.checks.length !== request.ops.length) throw new Error('push body: the worker checked another number of ops');
  return { ok: true, request, checks: checked.checks };
}
