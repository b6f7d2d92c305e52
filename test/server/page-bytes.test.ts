import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_VERSION_HEADER } from '@shared/sync/api';
import { MAX_FIELD_VALUE_BYTES, MAX_OP_VALUE_BYTES } from '@shared/sync/fields';
import type { JsonValue } from '@shared/sync/protocol';
import { AREA_A, createUser, Device, startTestServer, type TestServer } from './helpers';

// One enumerator could stop every pull in an area: a '$create' took unknown keys of any size,
// and pull and snapshot pages were bounded by count only and built as one string, so 600 MB of
// junk made every pull and snapshot answer 500 ("Invalid string length") and a fresh laptop
// could not sync at all. Here the same attack at test scale: '$create' values take exactly the
// keys clients send, values and ops have byte caps, and pages stop at a byte budget (256 KB in
// this test, 16 MiB by default) however large the values that were accepted.

const PAGE_BYTES = 256 * 1024;

/** A 611-1 establishments section of `rows` rows, every text at its longest in Chinese (~800 B a row). */
const establishments = (rows: number): JsonValue =>
  Array.from({ length: rows }, (_, i) => ({
    estName: `中卫市沙坡头区第${i}分店`.padEnd(100, '国'),
    estAddrDetail: '宁夏中卫市沙坡头区鼓楼东街'.padEnd(100, '路'),
    estDivisionCode: '640502100201',
    estIndustryCode: '5212',
    estOperatingStatus: '1',
    estEmployees: 999_999_999,
    estRevenue: 999_999_999_999.99,
    estExpenditure: 999_999_999_999.99,
  }));

const createValue = (fields: Record<string, JsonValue> = {}, extra: Record<string, JsonValue> = {}): JsonValue => ({
  areaCode: AREA_A,
  kind: 'legal',
  source: 'field',
  fields,
  ...extra,
});

describe('one enumerator cannot stop the area’s pulls', () => {
  let t: TestServer;
  let wang: Device;
  let chen: Device;
  beforeEach(async () => {
    t = await startTestServer({ maxPageBytes: PAGE_BYTES });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'chen', 'supervisor', [AREA_A.slice(0, 12)]);
    wang = new Device(t.server.url, 'laptop-wang');
    chen = new Device(t.server.url, 'laptop-chen');
    await wang.login('wang');
    await chen.login('chen');
  });
  afterEach(async () => t.dispose());

  it('refuses junk keys in a $create and values over their byte caps; takes the largest real value', async () => {
    const junk = 'x'.repeat(100_000);
    const first = await wang.push([
      // Unknown keys of any size were stored and sent to everyone in the area.
      wang.op('unit-junk-01', '$create', createValue({}, { junk1: junk, junk2: junk, junk3: junk })),
      // One value over MAX_FIELD_VALUE_BYTES: 700 characters in each of 999 rows (~2.1 MB).
      wang.op('unit-big-001', '$create', createValue()),
      wang.op('unit-big-001', '611-1.establishments', Array.from({ length: 999 }, () => ({ estName: '国'.repeat(700) }))),
      // The largest real value: a 611-1 at its 999 rows, every text at its longest (~800 KB).
      wang.op('unit-max-001', '$create', createValue({ '611-1.establishments': establishments(999) })),
    ]);
    // A $create whose initial fields each fit but together pass MAX_OP_VALUE_BYTES (~4.6 MB).
    const second = await wang.push([
      wang.op('unit-big-002', '$create', createValue({ '611-1.establishments': establishments(999), frameRow: bigFrameRow(), explanations: bigExplanations() })),
    ]);
    expect(first.body.rejected.map((r) => [r.seq, r.code])).toEqual([
      [1, 'INVALID_VALUE'],
      [3, 'INVALID_VALUE'],
    ]);
    expect(first.body.rejected[1]?.message).toContain(`more than the ${MAX_FIELD_VALUE_BYTES}`);
    expect(second.body.rejected.map((r) => [r.seq, r.code])).toEqual([[5, 'INVALID_VALUE']]);
    expect(second.body.rejected[0]?.message).toContain(`more than the ${MAX_OP_VALUE_BYTES}`);
    const { changes } = await chen.pullAll();
    expect(changes.map((c) => [c.entityId, c.field])).toEqual([
      ['unit-big-001', '$create'],
      ['unit-max-001', '$create'],
    ]);
  });

  it('pages pulls and snapshots by bytes, so many big values reach a fresh reader page by page', async () => {
    // 24 units of ~100 KB each (2.4 MB): a count limit of 5,000 would send them in one answer.
    for (let batch = 0; batch < 3; batch++) {
      const ops = Array.from({ length: 8 }, (_, i) => wang.op(`unit-big-${batch}${i}`, '$create', createValue({ '611-1.establishments': establishments(120) })));
      expect((await wang.push(ops)).body.rejected).toEqual([]);
    }
    const largest = Math.max(...(await chen.pullAll()).changes.map((c) => JSON.stringify(c).length * 3));

    const pages = await readAll(t, chen.token, '/sync/pull', (body, cursor) => ({ protocol: 1, cursor, limit: 5_000, ...body }));
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.bytes).toBeLessThanOrEqual(PAGE_BYTES + largest);
    expect(new Set(pages.flatMap((p) => p.ids)).size).toBe(24);

    const snapshots = await readAll(t, chen.token, '/sync/snapshot', (body) => ({ protocol: 1, areaPrefix: AREA_A, limit: 20_000, ...body }));
    expect(snapshots.length).toBeGreaterThan(1);
    for (const p of snapshots) expect(p.bytes).toBeLessThanOrEqual(PAGE_BYTES + largest);
    expect(snapshots.flatMap((p) => p.ids).sort()).toEqual([...new Set(pages.flatMap((p) => p.ids))].sort());
  });
});

describe('a large page', () => {
  it('streams through gzip in pieces (chunked, no length announced) and reads whole', async () => {
    const t = await startTestServer();
    try {
      await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
      const wang = new Device(t.server.url, 'laptop-wang');
      await wang.login('wang');
      const ops = Array.from({ length: 12 }, (_, i) => wang.op(`unit-big-${String(i).padStart(3, '0')}`, '$create', createValue({ '611-1.establishments': establishments(300) })));
      expect((await wang.push(ops)).body.rejected).toEqual([]);
      const res = await fetch(`${t.server.url}/sync/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${wang.token}`, [APP_VERSION_HEADER]: '1.0.0', 'content-type': 'application/json', 'accept-encoding': 'gzip' },
        body: JSON.stringify({ protocol: 1, cursor: 0, limit: 5_000 }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBeNull();
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const text = await res.text();
      expect(Buffer.byteLength(text)).toBeGreaterThan(2_000_000);
      const body = JSON.parse(text) as { changes: unknown[]; hasMore: boolean; serverTime: string };
      expect(body.changes).toHaveLength(12);
      expect(body.hasMore).toBe(false);
      expect(body.serverTime).toBe(res.headers.get('x-server-time'));
    } finally {
      await t.dispose();
    }
  });
});

/** A 底册 row of 300 columns of 2,000 characters (~1.8 MB, under the field cap). */
function bigFrameRow(): JsonValue {
  return Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`列${i}`, '国'.repeat(2_000)]));
}

/** Explanations for 1,300 findings of 500 characters (~2 MB, under the field cap). */
function bigExplanations(): JsonValue {
  return Object.fromEntries(Array.from({ length: 1_300 }, (_, i) => [`RULE-${i}`, '国'.repeat(500)]));
}

interface Page {
  bytes: number;
  ids: string[];
}

/** Every page of a pull or snapshot, with the size of each answer's JSON text as the client read it. */
async function readAll(
  t: TestServer,
  token: string,
  path: '/sync/pull' | '/sync/snapshot',
  request: (next: Record<string, unknown>, cursor: number) => Record<string, unknown>,
): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor = 0;
  let next: Record<string, unknown> = {};
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${t.server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, [APP_VERSION_HEADER]: '1.0.0', 'content-type': 'application/json' },
      body: JSON.stringify(request(next, cursor)),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { changes: { entityId: string }[]; hasMore?: boolean; cursor?: number; nextPage?: string | null };
    pages.push({ bytes: Buffer.byteLength(text), ids: body.changes.map((c) => c.entityId) });
    if (path === '/sync/pull') {
      cursor = body.cursor ?? 0;
      if (!body.hasMore) return pages;
    } else {
      if (!body.nextPage) return pages;
      next = { page: body.nextPage };
    }
  }
  throw new Error('more than 100 pages');
}
