// A sort done in short steps, for the start-up warm-up (warmup.ts): sorting 100,000
// names in pinyin order (Intl.Collator) takes ~0.25 s at once, a pause in which main answers no
// IPC. Runs of a few thousand are sorted one per step, then merged two per step; no step costs
// more than one pass over the entries.

const RUN = 12_000;

function merge(a: Int32Array, b: Int32Array, cmp: (x: number, y: number) => number): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i] as number, b[j] as number) <= 0 ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

export class SteppedSort {
  private readonly unsorted: Int32Array[] = [];
  private readonly sorted: Int32Array[] = [];

  constructor(
    items: Int32Array,
    private readonly cmp: (a: number, b: number) => number,
  ) {
    for (let at = 0; at < items.length; at += RUN) this.unsorted.push(items.slice(at, at + RUN));
  }

  /** One step: the sorted items once done, null while steps remain. */
  step(): Int32Array | null {
    const run = this.unsorted.pop();
    if (run) {
      this.sorted.push(run.sort(this.cmp));
      return null;
    }
    const [a, b] = [this.sorted.shift(), this.sorted.shift()];
    if (!a) return new Int32Array(0);
    if (!b) return a;
    const merged = merge(a, b, this.cmp);
    if (this.sorted.length === 0) return merged;
    this.sorted.push(merged);
    return null;
  }
}
