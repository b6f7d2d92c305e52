import { type Op, PushRequest } from '@shared/sync/protocol';
import { jsonOfBody } from '../http/body';
import { invalidInputMessage } from '../http/invalid-input';
import { checkOp, checkOps, type OpCheck, type Pusher } from './op-checks';
import { plainPushRequest } from './push-request';
import type { Rejection } from './rules';

// A push body from its bytes (already gunzipped and held to the body cap by http/body.ts) to
// the request and each op's checks: text, JSON, shape (push-request.ts, else the schema), hash
// and content (op-checks.ts). Pure and synchronous. A small push is read inline (readPushBody);
// a large one is checked on a worker thread (checkPushBody, push-body-pool.ts) while the request
// thread parses the same bytes itself and joins the two (joinPushBody): what crosses between
// threads is only each op's verdict, not its value, since copying values between threads costs
// about as much as parsing them.

export type PushBody =
  | { ok: true; request: PushRequest; checks: OpCheck[] }
  | { ok: false; code: 'INVALID_INPUT'; message: string };

/**
 * One op's verdict from a worker. `text`: 'stringify' when JSON.stringify of the value (as
 * JSON.parse makes it from the body) is its canonical text and the hash is right over it (what
 * clients send); the canonical text itself when the keys came in another order; null when the
 * hash is wrong. (A canonical text is JSON, so it is never the bare word.)
 */
export interface OpVerdict {
  text: string | null;
  alone: Rejection | null;
}

export type CheckedPushBody =
  | { ok: true; /** the body passed the plain check, so its parsed JSON is the request */ isPlain: boolean; verdicts: OpVerdict[] }
  | { ok: false; code: 'INVALID_INPUT'; message: string };

type Parsed = { ok: true; request: PushRequest; isPlain: boolean } | { ok: false; code: 'INVALID_INPUT'; message: string };

const STRINGIFY = 'stringify';

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

/** The worker's half: every check, answered as verdicts. */
export function checkPushBody(bytes: Uint8Array, by: Pusher): CheckedPushBody {
  const parsed = parsePushBody(bytes);
  if (!parsed.ok) return parsed;
  const verdicts = parsed.request.ops.map((op): OpVerdict => {
    const { valueJson, alone } = checkOp(op, by);
    return { text: valueJson !== null && valueJson === JSON.stringify(op.value) ? STRINGIFY : valueJson, alone };
  });
  return { ok: true, isPlain: parsed.isPlain, verdicts };
}

/**
 * The request thread's half: `raw` is its own JSON.parse of the same bytes (jsonOfBody), joined
 * with the worker's verdicts into what readPushBody answers.
 */
export function joinPushBody(raw: unknown, checked: CheckedPushBody): PushBody {
  if (!checked.ok) return checked;
  // The plain check passed on these very bytes, so their JSON is the request as it stands;
  // otherwise the schema makes it (the worker already found that it passes).
  const request = checked.isPlain ? (raw as PushRequest) : PushRequest.parse(raw);
  const checks = request.ops.map((op: Op, i): OpCheck => {
    const verdict = checked.verdicts[i];
    if (verdict === undefined) throw new Error(`push body: no verdict for op ${i}`);
    return { valueJson: verdict.text === STRINGIFY ? JSON.stringify(op.value) : verdict.text, alone: verdict.alone };
  });
  return { ok: true, request, checks };
}
