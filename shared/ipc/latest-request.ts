// Latest request wins: of the requests started through one gate, only the newest one's answer is
// delivered, and nothing after cancel(). A screen that reads again when its input changes (a new
// unit, another page of a list) must not show an older, slower answer over the newer one, nor
// set state after it has gone. renderer/src/lib/use-call.ts builds its hook on this.

export interface LatestRequest<T> {
  /** Starts a request; an earlier one still in flight will not be delivered. */
  run(start: () => Promise<T>): void;
  /** Drops whatever is in flight (the screen went away). */
  cancel(): void;
}

/** `deliver` gets the newest request's answer; `onStart` hears of each request as it starts. */
export function latestRequest<T>(deliver: (value: T) => void, onStart?: () => void): LatestRequest<T> {
  let latest = 0;
  return {
    run(start) {
      latest += 1;
      const mine = latest;
      onStart?.();
      void start().then((value) => {
        if (mine === latest) deliver(value);
      });
    },
    cancel() {
      latest += 1;
    },
  };
}
