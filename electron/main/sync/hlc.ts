// Hybrid logical clock (Kulkarni et al., 2014): wall-clock milliseconds plus a counter, so the
// times of one device's operations always increase even when its clock steps back, and an
// operation stamped after seeing another's is later than it whatever the two clocks say.
// Pure: the caller persists the state (sync_state) in the transaction that uses it.

export interface HlcState {
  wall: number;
  counter: number;
}

const MAX_COUNTER = 999_999;
/** A remote clock further ahead than this is not followed (it is flagged as skew instead). */
export const MAX_FORWARD_DRIFT_MS = 24 * 60 * 60 * 1000;

export const initialHlc: HlcState = { wall: 0, counter: 0 };

/** The next local timestamp at wall time `nowMs`. */
export function tick(state: HlcState, nowMs: number): HlcState {
  if (nowMs > state.wall) return { wall: nowMs, counter: 0 };
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
