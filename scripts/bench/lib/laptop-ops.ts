import { gzipSync } from 'node:zlib';
import { signOpText } from '@main/sync/chain';
import { formatHlc } from '@main/sync/hlc';
import { defaultPushLimits } from '@main/sync/push';
import { createValue, type UnitContent } from '@main/registration/unit-fields';
import { builtinPack } from '@shared/packs/builtin';
import { checkField } from '@shared/sync/fields';
import { canonicalJson, PROTOCOL_VERSION } from '@shared/sync/protocol';
import { benchVillages, generateUnits, type SeedUnit } from '../registration-seed';

// A simulated laptop's push, made before any timing: the '$create' op of each of its units
// exactly as a laptop's frame import records it (registration/unit-fields.ts createValue, the
// outbox's field check, chain.ts signOpText: the op's stored text with its hash), cut into
// batches by the laptop's own limits (sync/push.ts) and gzipped at the client's level
// (sync/client.ts), so the timed part is only sending and the server's work.

export interface LaptopPush {
  deviceId: string;
  /** The laptop's 普查小区 (its user's only assignment). */
  areaCode: string;
  ops: number;
  /** Request bodies, gzipped, in the order the laptop sends them. */
  batches: Buffer[];
}

/** The area of laptop `index`: a 普查小区 of its own village in 640502 (distinct up to 200 laptops). */
export function laptopArea(index: number): string {
  const villages = benchVillages();
  const village = villages[index % villages.length];
  if (!village) throw new Error('no villages in data/divisions/640502.tsv');
  return `${village.code}${String(1 + Math.floor(index / villages.length)).padStart(3, '0')}`;
}

/** `count` real-shaped units of laptop `index`, all in its own area, ids unique across laptops. */
export function laptopUnits(index: number, count: number, idPrefix = `l${index}`): SeedUnit[] {
  const areaCode = laptopArea(index);
  return generateUnits(count, { areaCount: 1, seed: 1_000 + index }).map((u, i) => {
    const forms = Object.fromEntries(
      Object.entries(u.forms).map(([formId, values]) => [formId, 'areaCode' in values ? { ...values, areaCode, divisionCode: areaCode.slice(0, 12) } : values]),
    );
    return { ...u, id: `${idPrefix}-${String(i).padStart(6, '0')}`, areaCode, forms };
  });
}

function contentOf(u: SeedUnit): UnitContent {
  return {
    areaCode: u.areaCode,
    kind: u.kind,
    source: 'frame',
    status: 'not_started',
    name: u.name,
    uscc: u.uscc,
    address: u.address,
    industryCode: u.industryCode,
    data: JSON.stringify(u.forms),
    explanations: '{}',
    notFoundReason: null,
    outOfScopeReason: null,
    formPack: builtinPack().ref,
    frameRow: JSON.stringify({ 单位详细名称: u.name, 统一社会信用代码: u.uscc, 上年营业收入: '1200' }),
    deletedAt: null,
  };
}

export interface OpChain {
  deviceId: string;
  userId: string;
  /** Next seq to sign and the hash of the op before it. */
  seq: number;
  headHash: string;
  /** HLC wall clock (ms) of the last op. */
  wall: number;
}

export const newChain = (deviceId: string, userId: string): OpChain => ({ deviceId, userId, seq: 1, headHash: '', wall: Date.now() - 60_000 });

/** Signed op texts of one '$create' per unit, continuing `chain` (which moves on). */
export function createOpTexts(chain: OpChain, units: readonly SeedUnit[]): string[] {
  const at = new Date(chain.wall).toISOString();
  return units.map((u) => {
    const value = createValue(contentOf(u));
    const valueText = canonicalJson(value);
    const check = checkField('unit', '$create', value, valueText);
    if (!check.ok) throw new Error(`bench unit ${u.id}: ${check.message}`);
    chain.wall += 1;
    const { op, text } = signOpText(
      {
        deviceId: chain.deviceId,
        seq: chain.seq,
        entity: 'unit',
        entityId: u.id,
        field: '$create',
        value,
        baseVersion: 0,
        hlc: formatHlc({ wall: chain.wall, counter: 0 }, chain.deviceId),
        userId: chain.userId,
        at,
        appVersion: 'bench',
        schemaVersion: 'bench',
        prevHash: chain.headHash,
      },
      valueText,
    );
    chain.seq += 1;
    chain.headHash = op.hash;
    return text;
  });
}

/** Op texts cut as the laptop cuts its outbox (sync/push.ts takeBatch) and gzipped as it sends them. */
export function pushBodies(deviceId: string, texts: readonly string[]): Buffer[] {
  const bodies: Buffer[] = [];
  let batch: string[] = [];
  let bytes = 2;
  const flush = (): void => {
    const body = `{"protocol":${PROTOCOL_VERSION},"deviceId":${JSON.stringify(deviceId)},"ops":[${batch.join(',')}]}`;
    bodies.push(gzipSync(Buffer.from(body, 'utf8'), { level: 4 }));
    batch = [];
    bytes = 2;
  };
  for (const text of texts) {
    bytes += text.length + 1;
    if (batch.length > 0 && (batch.length >= defaultPushLimits.maxOps || bytes > defaultPushLimits.maxBytes)) {
      flush();
      bytes += text.length + 1;
    }
    batch.push(text);
  }
  if (batch.length > 0) flush();
  return bodies;
}
