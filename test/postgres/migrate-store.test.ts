import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateStore } from '@server/admin/migrate-store';
import { runAdmin } from '@server/cli/admin';
import { openServerDatabase } from '@server/db/open';
import { type RunningServer, startServer } from '@server/index';
import { openPostgresStore } from '@server/store/postgres/store';
import type { JsonValue } from '@shared/sync/protocol';
import { PROTOCOL_VERSION } from '@shared/sync/protocol';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { addUser } from '@server/admin/users';
import { AREA_A, call, createUser, Device, PASSWORD, sha256 } from '../server/helpers';

// `census admin migrate-store`: a district built on a running SQLite server (encrypted, as an
// office may run it), moved into PostgreSQL, and a server started on the result must answer
// every laptop as the old one did — sessions, cursors, chains, conflicts, files — with equal
// checksums. Bad targets and sources are refused and leave the target as it was.

const KEY = 'a1'.repeat(32);
const TOWNSHIP_A = '640502001';
const TOWNSHIP_B = '640502100';
const DIVISION_B = `${TOWNSHIP_B}001`;
const quiet = () => undefined;

/** Runs `census admin …` in-process; `onOut` sees each line as it is printed. */
async function adminWatching(argv: string[], onOut: (line: string) => void = () => undefined): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAdmin(argv, {
    out: (t) => {
      onOut(t);
      out += `${t}\n`;
    },
    err: (t) => (err += `${t}\n`),
  });
  return { code, out, err };
}

const admin = (...argv: string[]) => adminWatching(argv);

const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `census-migrate-${name}-`));

const evidence = (sha: string, size: number): JsonValue => ({
  sha256: sha,
  fileName: '营业执照.jpg',
  mimeType: 'image/jpeg',
  size,
  kind: 'licence',
  note: '',
  figures: [],
  createdAt: '2025-03-15T02:00:00.000Z',
  createdBy: 'town-b',
  removedAt: null,
  removedReason: null,
});

const withoutClock = (body: Record<string, unknown>) => {
  const { serverTime: _t, asOf: _a, ...rest } = body;
  return rest;
};

/**
 * What a laptop reads from a server, without the clock. Not the pull's final cursor nor a
 * snapshot's asOf: past the last change in scope each store may answer any number up to its
 * newest (PostgreSQL's watermark, which counts rejected ops' numbers too); both tell the laptop
 * the same.
 */
async function answers(url: string, d: Device) {
  const { changes, pages } = await d.pullAll(0, 3);
  const snapshot = await call(url, 'POST', '/sync/snapshot', { protocol: PROTOCOL_VERSION, areaPrefix: AREA_A, limit: 1_000 }, { token: d.token });
  const conflicts = await call(url, 'GET', '/sync/conflicts?status=resolved', undefined, { token: d.token });
  return { changes, pages, snapshot: withoutClock(snapshot.body), conflicts: withoutClock(conflicts.body) };
}

interface Source {
  dir: string;
  devices: Record<'wang' | 'zhao' | 'townB' | 'bureau', Device>;
  file: Buffer;
  before: Record<string, Awaited<ReturnType<typeof answers>>>;
  forkId: string;
  packRef: string;
}

/** A district on the embedded store, with every kind of row, stopped after. */
async function buildSource(): Promise<Source> {
  const dir = tempDir('source');
  // The embedded store whatever this run's default: no database option, no CENSUS_DATABASE_URL.
  delete process.env.CENSUS_DATABASE_URL;
  const server = await startServer({ port: 0, dataDir: dir, dbKey: KEY, log: quiet });
  try {
    await createUser(server, 'bureau', 'admin');
    await createUser(server, 'wang', 'enumerator', [AREA_A]);
    await createUser(server, 'zhao', 'supervisor', [TOWNSHIP_A]);
    await createUser(server, 'town-b', 'township', [TOWNSHIP_B]);
    const devices = {
      wang: new Device(server.url, 'laptop-wang'),
      zhao: new Device(server.url, 'laptop-zhao'),
      townB: new Device(server.url, 'laptop-town-b'),
      bureau: new Device(server.url, 'laptop-bureau'),
    };
    for (const [name, d] of [['wang', devices.wang], ['zhao', devices.zhao], ['town-b', devices.townB], ['bureau', devices.bureau]] as const) {
      expect((await d.login(name)).status).toBe(200);
    }
    const { wang, zhao, townB } = devices;

    // Units created and edited in area A.
    const created = await wang.push([...wang.createUnit('unit-a0001', AREA_A, '甲公司'), ...wang.createUnit('unit-a0002', AREA_A, '乙公司')]);
    expect(created.body, JSON.stringify(created.body)).toMatchObject({ rejected: [] });
    // Values that array literals and quoting must carry untouched (the copy sends text arrays).
    await wang.push([wang.op('unit-a0002', 'address', '中卫市沙坡头区 NULL \\ "引号" {a,b} \'x\'\n😀\t')]);
    await addUser(server.store, { username: 'null-name', name: 'NULL', role: 'enumerator', password: PASSWORD });
    const nameVersion = (await zhao.pullAll()).changes.find((c) => c.entityId === 'unit-a0001' && c.field === 'name')?.gseq ?? 0;
    // A same-field race: both edit the name the supervisor last saw; the second is a conflict.
    expect((await zhao.push([zhao.op('unit-a0001', 'name', '甲公司（核）', nameVersion)])).body.conflicts).toEqual([]);
    const raced = await wang.push([wang.op('unit-a0001', 'name', '甲有限公司', nameVersion)]);
    expect(raced.body.conflicts).toHaveLength(1);
    const conflictId = raced.body.conflicts[0]?.conflictId ?? '';
    const current = (await zhao.pullAll()).changes.filter((c) => c.entityId === 'unit-a0001' && c.field === 'name').at(-1)?.gseq ?? 0;
    // A rejected op (an enumerator may not resolve), the last of wang's chain; then the resolution.
    expect((await wang.push([wang.op('unit-a0001', '$resolve', { conflictId, value: 'x' }, current)])).body.rejected[0]?.code).toBe('FORBIDDEN');
    expect((await zhao.push([zhao.op('unit-a0001', '$resolve', { conflictId, value: '甲有限公司' }, current)])).body).toMatchObject({ rejected: [], conflicts: [] });

    // An enterprise in area B whose evidence is an uploaded file.
    const file = randomBytes(70_000);
    expect(
      (
        await townB.push([
          townB.op('ent-b00001', '$create', { areaCode: DIVISION_B, uscc: '91640502MA76QK3P5C', fields: { name: '中卫市金沙商贸有限公司' } }, 0, 'enterprise'),
          townB.op('ent-b00001', 'evidence.ev-0000001', evidence(sha256(file), file.length), 0, 'enterprise'),
        ])
      ).body.rejected,
    ).toEqual([]);
    const put = await fetch(`${server.url}/attachments/${sha256(file)}?offset=0&size=${file.length}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${townB.token}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    expect(put.status).toBe(200);

    // A fork request and a published form pack.
    const asked = await call<{ request: { id: string } }>(
      server.url,
      'POST',
      '/sync/fork-requests',
      { protocol: PROTOCOL_VERSION, deviceId: 'laptop-town-b', newDeviceId: 'laptop-town-b-branch', forkSeq: 2, pending: 3 },
      { token: townB.token },
    );
    expect(asked.status).toBe(200);
    const pack = await server.store.publishPack(
      { ref: 'wjp5-2023@2023.9', packId: 'wjp5-2023', version: '2023.9', hash: 'f'.repeat(64), bodyJson: '{"id":"wjp5-2023"}', publishedBy: 'bureau' },
      '2025-04-01T00:00:00.000Z',
    );

    const before: Source['before'] = {};
    for (const [name, d] of Object.entries(devices)) before[name] = await answers(server.url, d);
    return { dir, devices, file, before, forkId: asked.body.request.id, packRef: pack.ref };
  } finally {
    await server.close();
  }
}

async function rowCount(url: string, sql: string): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
  } finally {
    await client.end();
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('census admin migrate-store', { timeout: 120_000 }, () => {
  let source: Source;
  const cleanup: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    source = await buildSource();
    process.env.CENSUS_SERVER_DB_KEY = KEY;
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  afterAll(() => {
    if (!source) return;
    delete process.env.CENSUS_SERVER_DB_KEY;
    fs.rmSync(source.dir, { recursive: true, force: true });
  });

  const newDatabase = async (): Promise<TestDatabase> => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    return db;
  };

  it('copies the district, proves equal checksums, and a server on PostgreSQL answers every laptop as before', async () => {
    const db = await newDatabase();
    const target = tempDir('target');
    cleanup.push(() => fs.rmSync(target, { recursive: true, force: true }));

    const result = await admin('migrate-store', '--from', source.dir, '--to', db.url, '--to-attachments', path.join(target, 'attachments'));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    // Counts per table, source and target, and a checksum row per scope users sync and for everything.
    for (const table of ['users', 'assignments', 'devices', 'refresh_tokens', 'access_tokens', 'ops', 'entities', 'field_state', 'conflicts', 'attachments', 'attachment_refs', 'fork_requests', 'form_packs']) {
      expect(result.out).toMatch(new RegExp(`\\n${table}\\s+([1-9]\\d*)\\s+\\1\\s+✓`));
    }
    for (const scope of ['\\* \\(全部 / all\\)', AREA_A, TOWNSHIP_A, TOWNSHIP_B]) expect(result.out).toMatch(new RegExp(`\\n${scope}\\s.*✓`));
    expect(result.out).toContain('rejected ops numbered above it: 1;');

    // The op log: every op has its number, rejected ones above every gseq, none in ops_default,
    // and the sequence past all of them.
    expect(await rowCount(db.url, "SELECT count(*) AS n FROM users WHERE name = 'NULL'")).toBe(1);
    expect(await rowCount(db.url, 'SELECT count(*) AS n FROM ops_default')).toBe(0);
    expect(await rowCount(db.url, 'SELECT count(*) AS n FROM ops WHERE gseq IS NULL AND log_no > (SELECT max(gseq) FROM ops)')).toBe(1);
    expect(await rowCount(db.url, 'SELECT last_value - (SELECT max(log_no) FROM ops) AS n FROM gseq_seq WHERE is_called')).toBe(0);

    const server: RunningServer = await startServer({ port: 0, dataDir: target, database: db.url, dbKey: KEY, log: quiet });
    cleanup.push(() => server.close());
    const moved = (d: Device): Device => {
      const m = new Device(server.url, d.deviceId, d.wallMs);
      Object.assign(m, { seq: d.seq, lastHash: d.lastHash, tokens: d.tokens });
      return m;
    };
    const { wang, zhao, townB, bureau } = source.devices;
    // Same answers to every laptop, with the access tokens issued by the old server.
    for (const [name, d] of Object.entries(source.devices)) expect(await answers(server.url, moved(d)), name).toEqual(source.before[name]);

    // Sessions kept: the old refresh token rotates on the new server.
    const refreshed = await call<{ accessToken: string }>(server.url, 'POST', '/auth/refresh', { refreshToken: wang.tokens?.refreshToken });
    expect(refreshed.status).toBe(200);
    // Chains continue from each device's newest op (wang's last one was rejected), and the new
    // op's gseq is above every number used, so the old cursor receives it.
    const w = moved(wang);
    w.tokens = { ...(wang.tokens as NonNullable<Device['tokens']>), accessToken: refreshed.body.accessToken };
    const next = await w.push([w.op('unit-a0002', 'address', '中卫市沙坡头区文昌镇')]);
    expect(next.body).toMatchObject({ ackedSeq: w.seq, rejected: [], halted: null, resendFrom: null });
    const after = await w.pullAll(source.before.wang?.changes.at(-1)?.gseq ?? 0);
    expect(after.changes.map((c) => [c.entityId, c.field, c.value])).toEqual([['unit-a0002', 'address', '中卫市沙坡头区文昌镇']]);
    expect(after.cursor).toBeGreaterThan(await rowCount(db.url, 'SELECT max(log_no) - 1 AS n FROM ops'));

    // The attachment file (sealed under the same key) reads back whole.
    const back = await fetch(`${server.url}/attachments/${sha256(source.file)}`, { headers: { authorization: `Bearer ${moved(townB).token}` } });
    expect(Buffer.from(await back.arrayBuffer()).equals(source.file)).toBe(true);
    // The fork request and the form pack are there; passwords too.
    expect(await server.store.findForkRequest(source.forkId)).toMatchObject({ status: 'pending', newDeviceId: 'laptop-town-b-branch' });
    expect((await server.store.currentPack())?.ref).toBe(source.packRef);
    expect((await new Device(server.url, 'laptop-new').login('zhao', PASSWORD)).status).toBe(200);
    expect(zhao.deviceId).toBe('laptop-zhao');
    expect(bureau.deviceId).toBe('laptop-bureau');
  });

  it('refuses a target that is not empty, and changes nothing in it', async () => {
    const db = await newDatabase();
    const store = await openPostgresStore(db.url, { log: quiet });
    await store.createUser({ username: 'someone', name: '某人', role: 'admin', passwordHash: 'x' }, '2025-01-01T00:00:00.000Z');
    await store.close();
    const seqBefore = await rowCount(db.url, 'SELECT last_value AS n FROM gseq_seq');
    const partitionsBefore = await rowCount(db.url, "SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'ops'::regclass");

    const result = await admin('migrate-store', '--from', source.dir, '--to', db.url);
    expect(result.code).toBe(1);
    expect(result.err).toContain('is not empty (rows in users)');
    expect(await rowCount(db.url, 'SELECT count(*) AS n FROM users')).toBe(1);
    expect(await rowCount(db.url, 'SELECT count(*) AS n FROM ops')).toBe(0);
    expect(await rowCount(db.url, 'SELECT count(*) AS n FROM devices')).toBe(0);
    expect(await rowCount(db.url, 'SELECT last_value AS n FROM gseq_seq')).toBe(seqBefore);
    expect(await rowCount(db.url, "SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'ops'::regclass")).toBe(partitionsBefore);
  });

  it("refuses another application's database, and leaves it as it was", async () => {
    const name = `other_${randomBytes(4).toString('hex')}`;
    const adminUrl = inject('pgAdminUrl');
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    const server = new pg.Client(adminUrl);
    await server.connect();
    await server.query(`CREATE DATABASE ${name}`);
    await server.end();
    cleanup.push(async () => {
      const c = new pg.Client(adminUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    const other = new pg.Client(url);
    await other.connect();
    await other.query('CREATE TABLE invoices (id int PRIMARY KEY)');
    await other.end();

    const result = await admin('migrate-store', '--from', source.dir, '--to', url);
    expect(result.code).toBe(1);
    expect(result.err).toContain('is not a census server database');
    expect(await rowCount(url, "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")).toBe(1);
  });

  it('leaves the target empty when the copy fails part-way (here: the attachment folder cannot be written)', async () => {
    const db = await newDatabase();
    const blocked = path.join(tempDir('blocked'), 'attachments');
    fs.writeFileSync(blocked, 'a file where the folder should be');
    cleanup.push(() => fs.rmSync(path.dirname(blocked), { recursive: true, force: true }));

    const result = await admin('migrate-store', '--from', source.dir, '--to', db.url, '--to-attachments', blocked);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Copying attachment .* failed/);
    for (const table of ['users', 'ops', 'entities', 'field_state', 'device_heads', 'attachments']) {
      expect(await rowCount(db.url, `SELECT count(*) AS n FROM ${table}`), table).toBe(0);
    }
    // And the same target then takes the migration.
    const target = tempDir('retry');
    cleanup.push(() => fs.rmSync(target, { recursive: true, force: true }));
    expect((await admin('migrate-store', '--from', source.dir, '--to', db.url, '--to-attachments', target)).code).toBe(0);
  });

  it('fails the proof when the source changed after it was copied (its server still running)', async () => {
    const db = await newDatabase();
    const copy = tempDir('running');
    cleanup.push(() => fs.rmSync(copy, { recursive: true, force: true }));
    fs.cpSync(source.dir, copy, { recursive: true });
    const write = (sql: string) => {
      const { sqlite } = openServerDatabase(path.join(copy, 'server.db'), { key: KEY });
      sqlite.prepare(sql).run();
      sqlite.close();
    };
    const report = await migrateStore({
      from: copy,
      to: db.url,
      key: KEY,
      progress: (m) => {
        if (!m.includes('comparing checksums')) return;
        // A field written on the source after the copy committed, as a running server would.
        write("UPDATE field_state SET value = '\"改了\"', version = version + 100 WHERE entity_id = 'unit-a0002' AND field = 'address'");
        // And a laptop's new access token (a session the target would not know).
        write("INSERT INTO access_tokens SELECT 'new-' || token_hash, device_id, user_id, expires_at FROM access_tokens LIMIT 1");
      },
    });
    expect(report.tables.every((t) => t.source === t.target && t.isSameContent)).toBe(true);
    // No --to-attachments: the target servers share the source's folder, where the file already is.
    expect(report.attachments).toMatchObject({ records: 1, copied: 0, present: 1, missing: [] });
    expect(report.isVerified).toBe(false);
    const byScope = new Map(report.checksums.map((c) => [c.scope, c.isEqual]));
    expect(Object.fromEntries(byScope)).toEqual({ '*': false, [AREA_A]: false, [TOWNSHIP_A]: false, [TOWNSHIP_B]: true });
    expect(report.sourceChanged).toEqual(['access_tokens']);

    // On the command line: a change no checksum sees (a refreshed session) still fails it, exit 1.
    const again = await newDatabase();
    const cli = await adminWatching(['migrate-store', '--from', copy, '--to', again.url], (line) => {
      if (!line.includes('comparing checksums')) return;
      write("INSERT INTO refresh_tokens (token_hash, device_id, issued_at) SELECT 'next-' || token_hash, device_id, issued_at FROM refresh_tokens LIMIT 1");
    });
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('already there 1');
    expect(cli.err).toContain('The source changed after it was copied (refresh_tokens)');
    expect(cli.err).toContain('Checksums or counts differ: do not start a server on the target database');
  });

  it('says clearly what is wrong with a bad URL, an unreachable database or a folder that is not a server data folder', async () => {
    const wrong = await admin('migrate-store', '--from', source.dir, '--to', 'mysql://root@127.0.0.1/census');
    expect(wrong).toMatchObject({ code: 1 });
    expect(wrong.err).toContain('must start with postgres://');

    const port = await freePort();
    const unreachable = await admin('migrate-store', '--from', source.dir, '--to', `postgres://census:secret@127.0.0.1:${port}/census`);
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toContain(`Cannot reach the database at postgres://census:***@127.0.0.1:${port}/census`);
    expect(unreachable.err).not.toContain('secret');

    const db = await newDatabase();
    const empty = tempDir('empty');
    cleanup.push(() => fs.rmSync(empty, { recursive: true, force: true }));
    const notServer = await admin('migrate-store', '--from', empty, '--to', db.url);
    expect(notServer.code).toBe(1);
    expect(notServer.err).toContain('Not a server data folder');
    expect(fs.readdirSync(empty)).toEqual([]);

    // The key matters: the encrypted source without it is refused with the reason.
    delete process.env.CENSUS_SERVER_DB_KEY;
    try {
      const noKey = await admin('migrate-store', '--from', source.dir, '--to', db.url);
      expect(noKey.code).toBe(1);
      expect(noKey.err).toContain('set CENSUS_SERVER_DB_KEY');
    } finally {
      process.env.CENSUS_SERVER_DB_KEY = KEY;
    }
    expect(await rowCount(db.url, 'SELECT count(*) AS n FROM users')).toBe(0);

    expect((await admin('migrate-store', '--from', source.dir)).code).toBe(2);
  });
});
