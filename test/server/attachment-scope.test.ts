import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverMigrationsFolder } from '@server/db/open';
import type { StartServerOptions } from '@server/index';
import type { JsonValue } from '@shared/sync/protocol';
import { isPostgresRun } from '../helpers/test-database';
import { backendNames, withAttachmentBackend } from './attachment-backends';
import { createUser, Device, sha256, startTestServer, type TestServer } from './helpers';

// Who may read an attachment: its uploader, admins, and whoever may see an entity that
// references it (an enterprise's evidence field), by that entity's current area. Any supervisor
// or township user used to download any attachment by hash, and HEAD told anyone whether a hash
// was held; to someone who may not read it the server now answers as if it held no such file.

const TOWNSHIP_A = '640502001';
const TOWNSHIP_B = '640502100';
const DIVISION_A = `${TOWNSHIP_A}001`;
const DIVISION_B = `${TOWNSHIP_B}001`;

let t: TestServer;
const devices: Record<string, Device> = {};

/** In a describe: every test gets a server (attachments as `options` says) with these users logged in. */
function withUsers(options: () => Partial<StartServerOptions>): void {
  beforeEach(async () => {
    t = await startTestServer(options());
    await createUser(t.server, 'town-a1', 'township', [TOWNSHIP_A]);
    await createUser(t.server, 'town-a2', 'township', [TOWNSHIP_A]);
    await createUser(t.server, 'town-b1', 'township', [TOWNSHIP_B]);
    await createUser(t.server, 'super-b', 'supervisor', [TOWNSHIP_B]);
    await createUser(t.server, 'bureau', 'admin');
    for (const name of ['town-a1', 'town-a2', 'town-b1', 'super-b', 'bureau']) {
      devices[name] = new Device(t.server.url, `laptop-${name}`);
      await devices[name].login(name);
    }
  });
  afterEach(async () => t.dispose());
}

const dev = (name: string): Device => {
  const d = devices[name];
  if (!d) throw new Error(`no device ${name}`);
  return d;
};

const evidence = (sha: string, size: number): JsonValue => ({
  sha256: sha,
  fileName: '营业执照.jpg',
  mimeType: 'image/jpeg',
  size,
  kind: 'licence',
  note: '',
  figures: [],
  createdAt: '2025-03-15T02:00:00.000Z',
  createdBy: 'town-a1',
  removedAt: null,
  removedReason: null,
});

async function upload(d: Device, file: Buffer): Promise<Response> {
  return fetch(`${t.server.url}/attachments/${sha256(file)}?offset=0&size=${file.length}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/octet-stream' },
    body: file,
  });
}

async function head(d: Device, sha: string) {
  const res = await fetch(`${t.server.url}/attachments/${sha}`, { method: 'HEAD', headers: { authorization: `Bearer ${d.token}` } });
  return { status: res.status, offset: res.headers.get('upload-offset'), complete: res.headers.get('x-attachment-complete') };
}

async function get(d: Device, sha: string): Promise<number> {
  const res = await fetch(`${t.server.url}/attachments/${sha}`, { headers: { authorization: `Bearer ${d.token}` } });
  await res.arrayBuffer();
  return res.status;
}

/** An enterprise in `division` whose evidence names `file`, pushed by township user A1. */
async function enterpriseWith(file: Buffer, division = DIVISION_A): Promise<void> {
  const a1 = dev('town-a1');
  const answer = await a1.push([
    a1.op('ent-000001', '$create', { areaCode: division, uscc: '91640502MA76QK3P5C', fields: { name: '中卫市金沙商贸有限公司' } }, 0, 'enterprise'),
    a1.op('ent-000001', 'evidence.ev-0000001', evidence(sha256(file), file.length), 0, 'enterprise'),
  ]);
  expect(answer.body.rejected).toEqual([]);
}

describe.each(backendNames)('reading an attachment (%s store)', (store) => {
  const backend = withAttachmentBackend(store);
  withUsers(() => backend.current.options);

  it('is for its uploader, admins and those who see a referencing entity; to others it is absent, HEAD included', async () => {
    const file = randomBytes(20_000);
    const sha = sha256(file);
    await enterpriseWith(file);
    expect((await upload(dev('town-a1'), file)).status).toBe(200);

    expect(await get(dev('town-a1'), sha)).toBe(200);
    expect(await get(dev('town-a2'), sha)).toBe(200);
    expect(await get(dev('bureau'), sha)).toBe(200);
    expect(await head(dev('town-a2'), sha)).toEqual({ status: 200, offset: String(file.length), complete: '1' });

    for (const outsider of ['town-b1', 'super-b']) {
      expect(await get(dev(outsider), sha)).toBe(404);
      expect(await head(dev(outsider), sha)).toEqual({ status: 200, offset: '0', complete: '0' });
    }
    // As if absent, an outsider's upload goes to their own partial: a chunk does not say "complete".
    const half = await fetch(`${t.server.url}/attachments/${sha}?offset=0&size=${file.length}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${dev('town-b1').token}`, 'content-type': 'application/octet-stream' },
      body: file.subarray(0, 5_000),
    });
    expect(await half.json()).toMatchObject({ received: 5_000, isComplete: false });
    expect(await head(dev('town-b1'), sha)).toEqual({ status: 200, offset: '5000', complete: '0' });
    // The uploader's own view is unchanged.
    expect(await get(dev('town-a1'), sha)).toBe(200);
  });

  it('follows the referencing entity when it moves to another township', async () => {
    const file = randomBytes(10_000);
    const sha = sha256(file);
    await enterpriseWith(file);
    expect((await upload(dev('town-a1'), file)).status).toBe(200);
    expect(await get(dev('town-b1'), sha)).toBe(404);
    const bureau = dev('bureau');
    const { cursor } = await bureau.pullAll();
    expect((await bureau.push([bureau.op('ent-000001', 'divisionCode', DIVISION_B, cursor, 'enterprise')])).body.rejected).toEqual([]);
    expect(await get(dev('town-b1'), sha)).toBe(200);
    expect(await get(dev('town-a2'), sha)).toBe(404);
    expect(await get(dev('town-a1'), sha)).toBe(200);
  });

  it('of a file no entity references is for its uploader and admins only', async () => {
    const file = randomBytes(5_000);
    const sha = sha256(file);
    expect((await upload(dev('town-a1'), file)).status).toBe(200);
    expect(await get(dev('town-a1'), sha)).toBe(200);
    expect(await get(dev('bureau'), sha)).toBe(200);
    expect(await get(dev('town-a2'), sha)).toBe(404);
    expect(await head(dev('town-a2'), sha)).toMatchObject({ offset: '0', complete: '0' });
  });
});

describe('the references already in the op log', () => {
  withUsers(() => ({}));

  // The embedded store's own migration: the PostgreSQL store was born with the index.
  it.skipIf(isPostgresRun())('are indexed by the hand-written backfill migration as push indexes new ones', async () => {
    const a1 = dev('town-a1');
    const [one, two, three] = [randomBytes(100), randomBytes(100), randomBytes(100)];
    await enterpriseWith(one);
    const created = await a1.push([
      a1.op('ent-000002', '$create', { areaCode: DIVISION_A, uscc: '91640502MA76QK3P51', fields: { 'evidence.ev-0000002': evidence(sha256(two), 100) } }, 0, 'enterprise'),
      // Refused (another township): names a file but indexes nothing.
      a1.op('ent-000003', '$create', { areaCode: DIVISION_B, uscc: '91640502MA76QK3P52', fields: { 'evidence.ev-0000003': evidence(sha256(three), 100) } }, 0, 'enterprise'),
    ]);
    expect(created.body.rejected.map((r) => r.code)).toEqual(['OUT_OF_SCOPE']);
    await t.server.close();

    const db = new Database(path.join(t.dataDir, 'server.db'));
    try {
      const rows = () => db.prepare('SELECT sha256, entity_id AS entityId FROM attachment_refs ORDER BY entity_id').all();
      const byPush = rows();
      expect(byPush).toEqual([
        { sha256: sha256(one), entityId: 'ent-000001' },
        { sha256: sha256(two), entityId: 'ent-000002' },
      ]);
      db.exec('DELETE FROM attachment_refs');
      const file = fs.readdirSync(serverMigrationsFolder()).find((f) => f.endsWith('_backfill_attachment_refs.sql'));
      if (!file) throw new Error('the backfill migration is missing');
      const sql = fs.readFileSync(path.join(serverMigrationsFolder(), file), 'utf8');
      for (const statement of sql.split('--> statement-breakpoint')) db.exec(statement);
      expect(rows()).toEqual(byPush);
    } finally {
      db.close();
    }
  });
});
