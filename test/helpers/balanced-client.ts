import { expect } from 'vitest';
import type { VerifyResponse } from '@shared/sync/api';
import { type ChecksumRow, computeChecksum } from '@shared/sync/checksum';
import { type JsonValue, type Op, PROTOCOL_VERSION } from '@shared/sync/protocol';
import { sha256Hex } from '@shared/node/hash';
import { call, Device, type PullAnswer, type PushAnswer } from '../server/helpers';

// A laptop behind a load balancer (test/postgres/many-processes.test.ts): one device and op
// chain (Device builds and signs the ops), several server processes to talk to. A sticky
// client sends every request to its home process; a switching one to the next process at each
// request, pull pages included. It keeps what it pulled as the laptop keeps sync_base: the
// newest value and version of every field, and the gseqs in the order they came.

export interface HeldField {
  entity: string;
  entityId: string;
  field: string;
  version: number;
  value: JsonValue;
}

export const fieldKey = (entity: string, entityId: string, field: string): string => `${entity}\u0000${entityId}\u0000${field}`;

export class BalancedClient {
  readonly d: Device;
  private requests = 0;
  cursor = 0;
  /** Every gseq pulled, in the order the pages brought them. */
  readonly pulled: number[] = [];
  readonly fields = new Map<string, HeldField>();

  constructor(
    readonly urls: readonly string[],
    deviceId: string,
    readonly home: number,
    readonly isSwitching: boolean,
  ) {
    this.d = new Device(urls[home] ?? '', deviceId);
  }

  /** The process for the next request: `at` if given, else home or the next in turn. */
  private url(at?: number): string {
    const i = at ?? (this.isSwitching ? this.home + this.requests : this.home);
    this.requests += 1;
    return this.urls[i % this.urls.length] ?? '';
  }

  async login(username: string): Promise<void> {
    const answer = await this.d.login(username);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  /** Pushes `ops`; every op must be stored (none rejected, none halted). */
  async push(ops: Op[], at?: number): Promise<PushAnswer> {
    const answer = await call<PushAnswer>(this.url(at), 'POST', '/sync/push', { protocol: PROTOCOL_VERSION, deviceId: this.d.deviceId, ops }, { token: this.d.token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.rejected).toEqual([]);
    expect(answer.body.halted).toBeNull();
    expect(answer.body.ackedSeq).toBe(this.d.seq);
    return answer.body;
  }

  /** Pulls pages from the cursor until the server says there is no more. */
  async pullToEnd(limit = 40): Promise<void> {
    for (let page = 0; page < 10_000; page++) {
      const answer = await call<PullAnswer>(this.url(), 'POST', '/sync/pull', { protocol: PROTOCOL_VERSION, cursor: this.cursor, limit }, { token: this.d.token });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      for (const c of answer.body.changes) {
        this.pulled.push(c.gseq);
        this.fields.set(fieldKey(c.entity, c.entityId, c.field), { entity: c.entity, entityId: c.entityId, field: c.field, version: c.gseq, value: c.value });
      }
      this.cursor = answer.body.cursor;
      if (!answer.body.hasMore) return;
    }
    throw new Error('pull did not end');
  }

  version(entity: string, entityId: string, field: string): number {
    return this.fields.get(fieldKey(entity, entityId, field))?.version ?? 0;
  }

  /** The checksum total the laptop computes over what it holds (electron/main/sync/verify.ts). */
  checksumTotal(): string {
    const rows: ChecksumRow[] = [...this.fields.values()].map((f) => ({ entity: f.entity, entityId: f.entityId, field: f.field, version: f.version }));
    return computeChecksum(rows, sha256Hex).total;
  }

  /** POST /sync/verify with this client's total on process `at`. */
  async verifyOn(at: number): Promise<VerifyResponse> {
    const answer = await call<VerifyResponse>(this.url(at), 'POST', '/sync/verify', { protocol: PROTOCOL_VERSION, total: this.checksumTotal() }, { token: this.d.token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  }
}
