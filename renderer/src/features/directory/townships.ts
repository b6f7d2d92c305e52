import { create } from 'zustand';
import { call } from '../../lib/api';

// The deployment county's townships (乡镇/街道), for the township filter and for showing a
// township's name next to its code. divisions:search without a parent answers the children of
// the deployment county; a store without division data yields none, and codes show bare.

interface Township {
  code: string;
  name: string;
}

interface TownshipState {
  townships: Township[];
  names: ReadonlyMap<string, string>;
  isLoaded: boolean;
  load(): Promise<void>;
}

export const useTownships = create<TownshipState>()((set, get) => ({
  townships: [],
  names: new Map(),
  isLoaded: false,
  async load() {
    if (get().isLoaded) return;
    const result = await call('divisions:search', { limit: 500 });
    // A failed read leaves the filter without names; codes still work, so no error banner.
    if (!result.ok) return;
    const townships = result.value
      .filter((d) => d.code.length >= 9)
      .map((d) => ({ code: d.code.slice(0, 9), name: d.name }));
    set({ townships, names: new Map(townships.map((t) => [t.code, t.name])), isLoaded: true });
  },
}));
