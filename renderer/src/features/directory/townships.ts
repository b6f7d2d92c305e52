import { create } from 'zustand';
import { call } from '../../lib/api';

// The deployment county's townships (乡镇/街道), for the township filter and for showing a
// township's name next to its code. divisions:search without a parent answers the children of
// the deployment county (settings' region code); before that is set, the county of an
// enterprise on screen is asked for instead. A store without division data yields none, and
// codes show bare.

interface Township {
  code: string;
  name: string;
}

interface TownshipState {
  townships: Township[];
  names: ReadonlyMap<string, string>;
  isLoaded: boolean;
  /** `divisionCode`: any enterprise's code, used when no deployment county is set. */
  load(divisionCode?: string): Promise<void>;
}

/** Counties already asked about, so scrolling does not re-ask. (The deployment county is asked
 * again on each page visit: the region may have been set meanwhile.) */
const asked = new Set<string>();

export const useTownships = create<TownshipState>()((set, get) => ({
  townships: [],
  names: new Map(),
  isLoaded: false,
  async load(divisionCode) {
    const county = divisionCode && divisionCode.length >= 6 ? divisionCode.slice(0, 6) : null;
    if (get().isLoaded || (county !== null && asked.has(county))) return;
    if (county !== null) asked.add(county);
    let result = await call('divisions:search', { limit: 500 });
    const isTownship = (d: { code: string }) => d.code.length >= 9;
    if (result.ok && !result.value.some(isTownship) && county) result = await call('divisions:search', { parent: county, limit: 500 });
    // A failed read leaves the filter without names; codes still work, so no error banner.
    if (!result.ok) return;
    const townships = result.value.filter(isTownship).map((d) => ({ code: d.code.slice(0, 9), name: d.name }));
    // Stay unloaded when nothing came back, so a later call (with a county) can try again.
    if (townships.length === 0) return;
    set({ townships, names: new Map(townships.map((t) => [t.code, t.name])), isLoaded: true });
  },
}));
