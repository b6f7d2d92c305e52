// Substring search over every enterprise's search text at once (index-filters.ts): the texts
// are joined into one string, and each term is found with String#indexOf, which V8 runs as a
// fast string search over the whole buffer — far quicker than 100,000 separate `includes`
// calls over strings scattered in the heap. Rebuilt lazily after a search text changed.

const SEPARATOR = '\u0001';

export class SearchText {
  private text: string | null = null;
  /** starts[i] = offset of the i-th text in `text`; slots[i] its slot. */
  private starts = new Int32Array(0);
  private slots = new Int32Array(0);

  invalidate(): void {
    this.text = null;
  }

  get isBuilt(): boolean {
    return this.text !== null;
  }

  /** Joins the texts of slots [0, size); searches build it themselves when it is missing. */
  build(size: number, textOf: (slot: number) => string): string {
    const parts: string[] = [];
    const starts: number[] = [];
    const slots: number[] = [];
    let offset = 0;
    for (let slot = 0; slot < size; slot += 1) {
      const t = textOf(slot);
      starts.push(offset);
      slots.push(slot);
      parts.push(t);
      offset += t.length + 1;
    }
    this.starts = Int32Array.from(starts);
    this.slots = Int32Array.from(slots);
    this.text = parts.join(SEPARATOR);
    return this.text;
  }

  /** The text (by its index in `starts`) containing position `pos`. */
  private segmentAt(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * 1 at every slot whose text contains all `terms` (lower-cased already). Slots that are no
   * longer alive may be marked too; the caller's order only visits live ones.
   */
  matching(terms: readonly string[], size: number, textOf: (slot: number) => string): Uint8Array {
    const text = this.text ?? this.build(size, textOf);
    const counts = new Uint8Array(Math.max(size, this.slots.length));
    terms.forEach((raw, termIndex) => {
      const term = raw.replaceAll(SEPARATOR, '');
      if (term === '') return;
      let pos = text.indexOf(term);
      let lastSegment = -1;
      while (pos >= 0) {
        const segment = this.segmentAt(pos);
        const slot = this.slots[segment] as number;
        // Count each text once per term, and only if it matched every earlier term.
        if (segment !== lastSegment && counts[slot] === termIndex) counts[slot] = termIndex + 1;
        lastSegment = segment;
        // Jump to the next text: one hit per text is enough.
        const next = segment + 1 < this.starts.length ? (this.starts[segment + 1] as number) : text.length;
        pos = text.indexOf(term, next);
      }
    });
    const want = terms.filter((t) => t.replaceAll(SEPARATOR, '') !== '').length;
    const hits = new Uint8Array(counts.length);
    for (let i = 0; i < counts.length; i += 1) if (counts[i] === want) hits[i] = 1;
    return hits;
  }
}
