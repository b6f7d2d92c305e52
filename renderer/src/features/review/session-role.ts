import { useEffect } from 'react';
import { create } from 'zustand';
import type { Session } from '@shared/session/roles';
import { call } from '../../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../../lib/loadable';

// Who is signed in on this laptop and what they may do (session:role). The UI hides or disables
// what the role may not do; main and the server refuse it anyway, so a stale role here can
// only ever show too little or produce a FORBIDDEN, never let anything through.

interface SessionState {
  session: Loadable<Session>;
  refresh(): Promise<void>;
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: notLoaded(),
  async refresh() {
    set((s) => ({ session: loading(s.session) }));
    const result = await call('session:role', undefined);
    set((s) => ({ session: settled(s.session, result) }));
  },
}));

/** The session, read again whenever the calling page mounts (a login may have changed it). */
export function useSession(): Loadable<Session> & { refresh: () => Promise<void> } {
  const session = useSessionStore((s) => s.session);
  const refresh = useSessionStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { ...session, refresh };
}
