import { useEffect } from 'react';
import { create } from 'zustand';
import { loadPack, type LoadedPack } from '@shared/packs/load';
import type { PackList } from '@shared/packs/wire';
import type { AppErrorShape } from '@shared/result';
import { call } from '../../lib/api';

// The form packs the screens draw and check forms with, fetched from main (forms:pack) once
// per version and compiled here (shared/packs/load.ts), so the live rules run the same pack
// main runs on save. A unit is shown with the pack it was filled under (UnitDetail.formPack);
// lists and review labels use the pack in force.

interface PacksState {
  byRef: Readonly<Record<string, LoadedPack>>;
  errors: Readonly<Record<string, AppErrorShape>>;
  list: PackList | null;
  /** Bumped when main says the packs changed (a sync brought a new one). */
  generation: number;
  load(ref: string): Promise<void>;
  loadList(force?: boolean): Promise<void>;
}

const inFlight = new Set<string>();

export const usePacksStore = create<PacksState>()((set, get) => ({
  byRef: {},
  errors: {},
  list: null,
  generation: 0,
  async load(ref) {
    if (get().byRef[ref] || inFlight.has(ref)) return;
    inFlight.add(ref);
    try {
      const result = await call('forms:pack', { ref });
      if (!result.ok) {
        set((s) => ({ errors: { ...s.errors, [ref]: result.error } }));
        return;
      }
      const pack = loadPack(result.value);
      set((s) => ({ byRef: { ...s.byRef, [ref]: pack } }));
    } catch (e) {
      // A pack main accepted that does not load here would be a bug; say so instead of spinning.
      const message = e instanceof Error ? e.message : String(e);
      set((s) => ({ errors: { ...s.errors, [ref]: { code: 'INTERNAL', message } } }));
    } finally {
      inFlight.delete(ref);
    }
  },
  async loadList(force = false) {
    if (get().list && !force) return;
    const result = await call('forms:packs', undefined);
    if (result.ok) set((s) => ({ list: result.value, generation: s.generation + 1 }));
  },
}));

/** A pack by ref, loading it on first use; null while it loads. */
export function usePack(ref: string | null | undefined): LoadedPack | null {
  const pack = usePacksStore((s) => (ref ? s.byRef[ref] : undefined));
  const load = usePacksStore((s) => s.load);
  useEffect(() => {
    if (ref && !pack) void load(ref);
  }, [ref, pack, load]);
  return pack ?? null;
}

/** The error of loading a pack, if it failed. */
export function usePackError(ref: string | null | undefined): AppErrorShape | null {
  return usePacksStore((s) => (ref ? s.errors[ref] : undefined)) ?? null;
}

/** The pack the app ships (the enterprise directory's classifications); null while it loads. */
export function useBuiltinPack(): LoadedPack | null {
  const list = usePacksStore((s) => s.list);
  const loadList = usePacksStore((s) => s.loadList);
  useEffect(() => {
    if (!list) void loadList();
  }, [list, loadList]);
  return usePack(list?.builtin);
}

/** The pack in force on this laptop; null while it loads. */
export function useCurrentPack(): LoadedPack | null {
  const list = usePacksStore((s) => s.list);
  const loadList = usePacksStore((s) => s.loadList);
  useEffect(() => {
    if (!list) void loadList();
  }, [list, loadList]);
  return usePack(list?.current);
}
