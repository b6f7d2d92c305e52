import type { LoadedPack } from './load';
import type { PackRef } from './types';

// The packs one process knows, by ref, and the one in force. Units keep the pack they were filled
// under (units.formPack), so a laptop keeps every version it has received; a unit whose pack is
// not (yet) here is shown and checked with the pack in force, and says so (PackChoice.fallback).

export interface PackChoice {
  pack: LoadedPack;
  /** The unit's own pack is not here: `pack` is the one in force instead. */
  fallback: boolean;
}

export class PackRegistry {
  private readonly byRef = new Map<PackRef, LoadedPack>();
  private currentRef: PackRef;

  constructor(initial: LoadedPack) {
    this.byRef.set(initial.ref, initial);
    this.currentRef = initial.ref;
  }

  add(pack: LoadedPack, options: { current?: boolean } = {}): void {
    this.byRef.set(pack.ref, pack);
    if (options.current) this.currentRef = pack.ref;
  }

  get current(): LoadedPack {
    return this.byRef.get(this.currentRef) as LoadedPack;
  }

  get(ref: PackRef | null | undefined): LoadedPack | undefined {
    return ref ? this.byRef.get(ref) : undefined;
  }

  has(ref: PackRef): boolean {
    return this.byRef.has(ref);
  }

  /** The pack to show and check a unit with: its own, else the one in force. A unit without a
   * recorded pack predates packs and was filled under the built-in one. */
  forUnit(ref: PackRef | null | undefined, builtinRef: PackRef): PackChoice {
    const own = this.byRef.get(ref ?? builtinRef);
    return own ? { pack: own, fallback: false } : { pack: this.current, fallback: true };
  }

  refs(): PackRef[] {
    return [...this.byRef.keys()];
  }
}
