import { createContext, useContext, type ReactNode } from 'react';
import type { LoadedPack } from '@shared/packs/load';

// The pack a unit's screens draw its forms with (the unit's own, UnitDetail.formPack): set once
// by the unit page, read by the form editor's pickers, tabs, header and findings.

const PackContext = createContext<LoadedPack | null>(null);

export function PackProvider({ pack, children }: { pack: LoadedPack; children: ReactNode }) {
  return <PackContext.Provider value={pack}>{children}</PackContext.Provider>;
}

/** The unit's pack; only inside a PackProvider (a bug otherwise). */
export function useFormPack(): LoadedPack {
  const pack = useContext(PackContext);
  if (!pack) throw new Error('useFormPack outside a PackProvider');
  return pack;
}
