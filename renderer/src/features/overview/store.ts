import { useEffect } from 'react';
import { create } from 'zustand';
import type { Overview } from '@shared/ipc/contract';
import { call } from '../../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../../lib/loadable';

// The counts behind the registration, directory, review and sync pages. One small query in
// main, re-read whenever one of those pages opens so the numbers are never stale for long.
interface OverviewState {
  overview: Loadable<Overview>;
  refresh(): Promise<void>;
}

export const useOverviewStore = create<OverviewState>()((set) => ({
  overview: notLoaded(),
  async refresh() {
    set((s) => ({ overview: loading(s.overview) }));
    const result = await call('overview:get', undefined);
    set((s) => ({ overview: settled(s.overview, result) }));
  },
}));

/** The overview, refreshed when the calling page mounts. */
export function useOverview(): OverviewState['overview'] & { refresh: () => Promise<void> } {
  const overview = useOverviewStore((s) => s.overview);
  const refresh = useOverviewStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { ...overview, refresh };
}
