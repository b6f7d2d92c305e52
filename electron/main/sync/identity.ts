import { stateKeys } from './state-keys';
import { randomBytes } from 'node:crypto';
import { readStates, writeState, writeStates } from './queries/state';
import { initialHlc, type HlcState } from './hlc';
import type { Db } from '@db/open';

// Who and what stamps this store's operations. The device id is made once per store (a copy
// of the store is a copy of the device: the server sees a forked chain and refuses it).

export interface Stamp {
  deviceId: string;
  seq: number;
  headHash: string;
  hlc: HlcState;
  /** The server account ops are signed as; '' before the first login. */
  accountId: string;
  /** Server clock minus this laptop's, as last measured (0 before any sync): HLCs use the corrected time. */
  clockSkewMs: number;
  appVersion: string;
  schemaVersion: string;
}

const newDeviceId = (): string => `d${randomBytes(12).toString('base64url')}`;
const asString = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const asNumber = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function asHlc(v: unknown): HlcState {
  if (typeof v !== 'object' || v === null) return initialHlc;
  const { wall, counter } = v as Partial<HlcState>;
  return { wall: asNumber(wall, 0), counter: asNumber(counter, 0) };
}

/** The device id, created (inside the caller's transaction) on first use. */
export function ensureDeviceId(db: Db): string {
  const existing = readStates(db, [stateKeys.deviceId]).get(stateKeys.deviceId);
  if (typeof existing === 'string') return existing;
  const id = newDeviceId();
  writeState(db, stateKeys.deviceId, id);
  return id;
}

/** Records the app and schema version new ops are stamped with (core start-up). */
export function setBuildVersions(db: Db, appVersion: string, schemaVersion: string): void {
  writeState(db, stateKeys.appVersion, appVersion);
  writeState(db, stateKeys.schemaVersion, schemaVersion);
}

export function readStamp(db: Db): Stamp {
  const s = readStates(db, [
    stateKeys.deviceId,
    stateKeys.seq,
    stateKeys.headHash,
    stateKeys.hlc,
    stateKeys.userId,
    stateKeys.appVersion,
    stateKeys.schemaVersion,
    stateKeys.clockSkewMs,
  ]);
  const deviceId = typeof s.get(stateKeys.deviceId) === 'string' ? asString(s.get(stateKeys.deviceId), '') : ensureDeviceId(db);
  return {
    deviceId,
    seq: asNumber(s.get(stateKeys.seq), 0),
    headHash: asString(s.get(stateKeys.headHash), ''),
    hlc: asHlc(s.get(stateKeys.hlc)),
    accountId: asString(s.get(stateKeys.userId), ''),
    appVersion: asString(s.get(stateKeys.appVersion), ''),
    schemaVersion: asString(s.get(stateKeys.schemaVersion), ''),
    clockSkewMs: asNumber(s.get(stateKeys.clockSkewMs), 0),
  };
}

export function writeStamp(db: Db, stamp: Pick<Stamp, 'seq' | 'headHash' | 'hlc'>): void {
  writeStates(db, [
    [stateKeys.seq, stamp.seq],
    [stateKeys.headHash, stamp.headHash],
    [stateKeys.hlc, stamp.hlc],
  ]);
}
