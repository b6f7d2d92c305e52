import { canonicalJson } from '@shared/sync/protocol';
import { checkPack, type PackProblem } from '@shared/packs/check';
import { PACK_SCHEMA, type FormPack, type FormPackBody } from '@shared/packs/types';
import { sha256Hex } from './hash';

// A pack's hash: sha256 of the canonical JSON of everything but `hash`. Checked by every process
// that receives a pack document (server on publish, laptop on sync, the CLI on seal/build), so a
// pack altered in transit or by hand without sealing is refused.

export function packHash(pack: FormPackBody | FormPack): string {
  const { hash: _hash, ...body } = pack as FormPack;
  return sha256Hex(canonicalJson(body));
}

export function sealPack(body: FormPackBody | FormPack): FormPack {
  const { hash: _hash, ...rest } = body as FormPack;
  return { ...rest, hash: packHash(rest) };
}

export function hashMatches(pack: FormPack): boolean {
  return packHash(pack) === pack.hash;
}

/** What makes a pack document unusable, in the order every receiver checks it: a format newer
 * than this build reads (its content may mean something else), content problems (checkPack),
 * then a hash that does not match. Each caller words it for its own reader. */
export type PackDefect =
  | { code: 'NEWER_SCHEMA'; schema: number }
  | { code: 'INVALID'; problems: readonly PackProblem[] }
  | { code: 'HASH_MISMATCH' };

export function packDefect(json: unknown): PackDefect | null {
  const schema = typeof json === 'object' && json !== null ? (json as { schema?: unknown }).schema : undefined;
  if (typeof schema === 'number' && schema > PACK_SCHEMA) return { code: 'NEWER_SCHEMA', schema };
  const problems = checkPack(json);
  if (problems.length > 0) return { code: 'INVALID', problems };
  const pack = json as FormPack;
  return typeof pack.hash === 'string' && hashMatches(pack) ? null : { code: 'HASH_MISMATCH' };
}
