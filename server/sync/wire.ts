import { JsonPieces } from '../http/respond';
import type { StoredChange } from '../store/types';

// Pull and snapshot answers written as JSON text with each stored value spliced in as it is:
// the values were written by the push path as JSON, so parsing them only to serialise them
// again (20 MB for a fresh pull of 10,000 units) is pure cost. Every other member goes
// through JSON.stringify, so nothing from the store is spliced unescaped but the values.

const s = JSON.stringify;

export function changeJson(c: StoredChange): string {
  return (
    `{"gseq":${s(c.gseq)},"entity":${s(c.entity)},"entityId":${s(c.entityId)},"field":${s(c.field)},` +
    `"value":${c.valueJson},"deviceId":${s(c.deviceId)},"userId":${s(c.userId)},"hlc":${s(c.hlc)},` +
    `"at":${s(c.at)},"scopeKey":${s(c.scopeKey)}}`
  );
}

/** Characters per piece: large enough that writes are few, small enough to be nothing in memory. */
const PIECE_CHARS = 256 * 1024;

/**
 * `{"changes":[…], …rest}` in pieces: the changes as text, a piece at a time, the other members
 * serialised normally at the end (with the sender's extra members, serverTime).
 */
export function bodyWithChanges(changes: readonly StoredChange[], rest: Record<string, unknown>): JsonPieces {
  let approxBytes = 0;
  for (const c of changes) approxBytes += c.valueJson.length + 200;
  return new JsonPieces(function* pieces(extra) {
    let piece = '{"changes":[';
    for (let i = 0; i < changes.length; i++) {
      piece += (i === 0 ? '' : ',') + changeJson(changes[i] as StoredChange);
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    const tail = s({ ...rest, ...extra });
    yield `${piece}]${tail === '{}' ? '' : `,${tail.slice(1, -1)}`}}`;
  }, approxBytes);
}
