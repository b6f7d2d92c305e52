import v8 from 'node:v8';
import vm from 'node:vm';

// A snapshot page leaves ~100 MB of garbage behind once written (its gzip and JSON text, about
// half of it Buffers outside V8's heap, the parsed changes, the rows built from them). V8
// collects it when its heuristics say so, which in a 100,000-unit pull was only every few pages:
// the process peaked at 430 MiB, of which 175 MiB was dead Buffers. Collecting after each large
// page holds the pull to about one page of garbage (326 MiB peak) for ~1 % of its time.
// gc() is not exposed without --expose-gc; the flag can be set at run time and the function
// taken from a fresh context, as jest-leak-detector does. Where that fails, nothing is collected
// early and only memory is spent.

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const found: unknown = vm.runInNewContext('gc');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
