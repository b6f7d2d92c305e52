import { canonicalJson } from '@shared/sync/protocol';
import type { FormPack, FormPackBody } from '@shared/packs/types';
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
