import { MAX_CLOCK_AHEAD_MS } from '@shared/sync/protocol';

// Hybrid logical clock (Kulkarni et al., 2014): wall-clock milliseconds plus a counter, so the
// times of one device's operations always increase even when its clock steps back, and an
// operation stamped after seeing another's is later than it whatever the two clocks say.
// Pure: the caller persists the state (sync_state) in the transaction that uses it.
//
// The wall time callers pass is the laptop's clock corrected by the skew it last measured
// against the server (correctedNow): the server refuses an op stamped more than a day ahead of
// its own clock (CLOCK_AHEAD), so a laptop whose clock is wrong must not stamp by it.

export interface HlcState {
  wall: number;
  counter: number;
}

const MAX_COUNTER = 999_999;
/**
 * A clock further ahead than this is not followed: a remote one is flagged as skew instead,
 * and this device's own state is pulled back (tick). Half the server's bound, so an op stamped
 * within it is still accepted when the measured skew was somewhat off.
 */
export const MAX_FORWARD_DRIFT_MS = MAX_CLOCK_AHEAD_MS / 2;

export const initialHlc: HlcState = { wall: 0, counter: 0 };

/** This laptop's best idea of the server's clock: its own, corrected by the last measured skew. */
export function correctedNow(nowMs: number, skewMs: number): number {
  return Number.isFinite(skewMs) ? nowMs + skewMs : nowMs;
}

/**
 * The next local timestamp at wall time `nowMs` (corrected: correctedNow). A state far ahead
 * of it was stamped while the clock was wrong: it is pulled back to `nowMs`, or every later op
 * would carry the wrong time on and be refused. Only the order of concurrent edits of one field
 * uses HLCs (a device's own ops are ordered by seq), so stepping back costs nothing else.
 */
export function tick(state: HlcState, nowMs: number): HlcState {
  if (nowMs > state.wall) return { wall: nowMs, counter: 0 };
  if (state.wall > nowMs + MAX_FORWARD_DRIFT_MS) return { wall: nowMs, counter: 0 };
  // Same millisecond or a clock that stepped back: keep the larger wall, count on.
  if (state.counter >= MAX_COUNTER) return { wall: state.wall + 1, counter: 0 };
  return { wall: state.wall, counter: state.counter + 1 };
}

/**
 * Merges a timestamp seen on a server change. A remote wall far in the future (a device
 * with its clock set a year ahead) is ignored rather than dragging every later op with it.
 */
export function receive(state: HlcState, remote: HlcState, nowMs: number): HlcState {
  if (remote.wall > nowMs + MAX_FORWARD_DRIFT_MS) return state;
  const wall = Math.max(state.wall, remote.wall, nowMs);
  let counter: number;
  if (wall === state.wall && wall === remote.wall) counter = Math.max(state.counter, remote.counter) + 1;
  else if (wall === state.wall) counter = state.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0 };
  return { wall, counter };
}

/** '1712345678901-000003-<deviceId>': sorts as text in time order (walls are 13 digits until 2286). */
export function formatHlc(state: HlcState, deviceId: string): string {
  return `${String(state.wall).padStart(13, '0')}-${String(state.counter).padStart(6, '0')}-${deviceId}`;
}

export function parseHlc(text: string): HlcState | null {
  const match = /^(\d{13})-(\d{6})-[A-Za-z0-9_-]{8,64}$/.exec(text);
  if (!match) return null;
  return { wall: Number(match[1]), counter: Number(match[2]) };
}
