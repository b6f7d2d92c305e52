import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { updateSettings } from '@main/session/settings-queries';
import { createCore, type Core, type CoreOptions } from '@main/core';
import { sha256Hex } from '@shared/node/hash';
import { httpTransport, type HttpRequest, type Transport } from '@main/sync/transport';
import { addUser, assign } from '@server/admin/users';
import { startServer, type RunningServer, type StartServerOptions } from '@server/index';
import { databaseUrlOf, dropDatabaseOf } from '../helpers/test-database';
import { computeChecksum } from '@shared/sync/checksum';
import type { BaseFields } from '@main/sync/queries/outbox';

// An in-process bureau server and several real clients, each a full core over its own
// encrypted SQLite file with a random key, for the sync tests.

export const PASSWORD = 'census-pass-2024';

export interface Client {
  name: string;
  /** Replaced by reopen(): the app closed and started again on the same store. */
  core: Core;
  dir: string;
  /** The store file and its key (a child process opens the same store). */
  dbPath: string;
  key: string;
  sync(): Promise<void>;
  /** Closes the app and starts it again on the same store file and key. */
  reopen(): void;
  /** With the app closed, copies the store's files (as a user copying the folder would); reopens. */
  copyStore(): string;
  /** With the app closed, puts a copy from copyStore() back in place of the store; reopens. */
  restoreStore(copy: string): void;
}

export class World {
  server!: RunningServer;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-sync-server-'));
  readonly clients: Client[] = [];
  private port = 0;

  /** Server options beyond the data folder and port: a minimum app version, a fake clock (`now`)… */
  constructor(
    private readonly serverOptions: Omit<Partial<StartServerOptions>, 'dataDir' | 'port'> = {},
    /** The laptops' sync clock and scheduler timers (a simulated day moves them with the server's), their synced kinds. */
    private readonly laptopOptions: Pick<CoreOptions, 'syncClock' | 'entities'> = {},
  ) {}

  async start(): Promise<void> {
    // On PostgreSQL (a 'postgres' run, test-database.ts) the data folder's own database, kept across restarts.
    const database = await databaseUrlOf(this.dataDir);
    this.server = await startServer({ dataDir: this.dataDir, port: this.port, log: () => undefined, ...(database !== undefined ? { database } : {}), ...this.serverOptions });
    this.port = this.server.port;
  }

  /** Stops the server and starts it again on the same port and data: a restart. */
  async restart(): Promise<void> {
    await this.server.close();
    await this.start();
  }

  async user(username: string, role: string, areas: string[], name = username): Promise<void> {
    await addUser(this.server.store, { username, name, role, password: PASSWORD });
    if (areas.length > 0) await assign(this.server.store, username, areas);
  }

  /** A client logged in as `username` (the login must succeed). */
  async client(name: string, username: string, transport: Transport = httpTransport()): Promise<Client> {
    const client = this.offlineClient(name, transport);
    const status = await client.core.sync.engine.login(username, PASSWORD);
    if (!status.isLoggedIn) throw new Error(`login ${username}: ${JSON.stringify(status.lastError)}`);
    return client;
  }

  /** A client set up with the server address but not logged in. */
  offlineClient(name: string, transport: Transport = httpTransport()): Client {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `census-sync-${name}-`));
    const dbPath = path.join(dir, 'census.db');
    const key = randomBytes(32).toString('hex');
    const open = (): Core => {
      const core = createCore({ dbPath, key, shell: 'web', appVersion: '0.1.0', syncTransport: transport, ...this.laptopOptions });
      core.sync.stop();
      return core;
    };
    const core = open();
    updateSettings(core.db, { serverUrl: this.server.url, userName: name, deviceName: `${name}-laptop` });
    const storeFiles = ['census.db', 'census.db-wal', 'census.db-shm'];
    let copies = 0;
    const client: Client = {
      name,
      core,
      dir,
      dbPath,
      key,
      async sync() {
        const result = await client.core.sync.engine.sync('manual');
        if (result === null) throw new Error(`${name}: sync failed ${JSON.stringify(client.core.sync.status().lastError)}`);
      },
      reopen() {
        client.core.close();
        client.core = open();
      },
      copyStore() {
        client.core.close();
        copies += 1;
        const copy = path.join(dir, `copy-${copies}`);
        fs.mkdirSync(copy);
        for (const f of storeFiles) if (fs.existsSync(path.join(dir, f))) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
        client.core = open();
        return copy;
      },
      restoreStore(copy) {
        client.core.close();
        for (const f of storeFiles) {
          fs.rmSync(path.join(dir, f), { force: true });
          if (fs.existsSync(path.join(copy, f))) fs.copyFileSync(path.join(copy, f), path.join(dir, f));
        }
        client.core = open();
      },
    };
    this.clients.push(client);
    return client;
  }

  async close(): Promise<void> {
    for (const c of this.clients) {
      c.core.close();
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
    await this.server.close();
    await dropDatabaseOf(this.dataDir);
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The units as the user sees them (synced columns only), by id. */
export function visibleUnits(core: Core): Record<string, unknown> {
  const rows = core.sqlite
    .prepare(
      `SELECT id, area_code, kind, status, name, uscc, address, industry_code, data, explanations, not_found_reason,
              frame_row, deleted_at IS NOT NULL AS is_deleted FROM units ORDER BY id`,
    )
    .all() as { id: string; data: string }[];
  return Object.fromEntries(rows.map((r) => [r.id, { ...r, data: JSON.parse(r.data) as unknown }]));
}

/** The client's checksum over its copy of the server's fields (what verification compares). */
export function clientChecksum(core: Core): string {
  const rows = core.sqlite.prepare('SELECT entity, entity_id, json(fields) AS fields FROM sync_base').all() as {
    entity: string;
    entity_id: string;
    fields: string;
  }[];
  const lines = rows.flatMap((r) =>
    Object.entries(JSON.parse(r.fields) as BaseFields).map(([field, [version]]) => ({
      entity: r.entity,
      entityId: r.entity_id,
      field,
      version,
    })),
  );
  return computeChecksum(lines, sha256Hex).total;
}

/** mulberry32: seeded, so a failing fault schedule can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultPlan {
  /** Chance a request never reaches the server. */
  dropRequest: number;
  /** Chance the server handles it but the answer is lost (cut mid-response). */
  dropResponse: number;
  /** Chance the request is sent twice (a proxy retrying). */
  duplicate: number;
  /** Chance an earlier request is replayed late, after this one (reordering). */
  replayOld: number;
}

/** A transport that fails in seeded-random ways, for paths matching `only`. */
export function faultyTransport(rand: () => number, plan: FaultPlan, only: RegExp = /\/sync\//): Transport & { faults: number } {
  const inner = httpTransport();
  const sent: HttpRequest[] = [];
  const transport = async (req: HttpRequest) => {
    if (!only.test(req.url)) return inner(req);
    if (rand() < plan.dropRequest) {
      transport.faults += 1;
      throw new Error('fault: connection refused');
    }
    if (rand() < plan.duplicate) {
      transport.faults += 1;
      await inner(req);
    }
    const res = await inner(req);
    if (sent.length > 0 && rand() < plan.replayOld) {
      transport.faults += 1;
      const old = sent[Math.floor(rand() * sent.length)];
      if (old) await inner(old);
    }
    sent.push(req);
    if (sent.length > 20) sent.shift();
    if (rand() < plan.dropResponse) {
      transport.faults += 1;
      throw new Error('fault: connection reset mid-response');
    }
    return res;
  };
  transport.faults = 0;
  return transport;
}
