import { create } from 'zustand';
import type { EnterpriseDetail } from '@shared/directory/directory';
import type { FollowUpView } from '@shared/followup/work';
import type { EvidenceItem } from '@shared/ledger/wire';
import { call } from '../../../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../../../lib/loadable';

// One enterprise as its page shows it: identity, follow-up (入规纳统) and its evidence files.
// The ledger has its own store (ledger/ledger-store.ts) because it changes cell by cell.

interface EnterpriseState {
  id: string | null;
  detail: Loadable<EnterpriseDetail>;
  followUp: Loadable<FollowUpView>;
  evidence: Loadable<EvidenceItem[]>;
  open(id: string): void;
  reloadDetail(): Promise<void>;
  reloadFollowUp(): Promise<void>;
  reloadEvidence(): Promise<void>;
  setDetail(detail: EnterpriseDetail): void;
  setFollowUp(view: FollowUpView): void;
}

export const useEnterprise = create<EnterpriseState>()((set, get) => ({
  id: null,
  detail: notLoaded(),
  followUp: notLoaded(),
  evidence: notLoaded(),

  open(id) {
    if (get().id !== id) set({ id, detail: notLoaded(), followUp: notLoaded(), evidence: notLoaded() });
    void get().reloadDetail();
    void get().reloadFollowUp();
    void get().reloadEvidence();
  },

  async reloadDetail() {
    const id = get().id;
    if (!id) return;
    set((s) => ({ detail: loading(s.detail) }));
    const result = await call('enterprises:get', { id });
    if (get().id === id) set((s) => ({ detail: settled(s.detail, result) }));
  },

  async reloadFollowUp() {
    const id = get().id;
    if (!id) return;
    set((s) => ({ followUp: loading(s.followUp) }));
    const result = await call('followup:get', { enterpriseId: id });
    if (get().id === id) set((s) => ({ followUp: settled(s.followUp, result) }));
  },

  async reloadEvidence() {
    const id = get().id;
    if (!id) return;
    set((s) => ({ evidence: loading(s.evidence) }));
    const result = await call('evidence:list', { enterpriseId: id });
    if (get().id === id) set((s) => ({ evidence: settled(s.evidence, result) }));
  },

  setDetail(detail) {
    if (detail.id === get().id) set({ detail: { value: detail, error: null, isLoading: false } });
  },

  setFollowUp(view) {
    if (view.enterpriseId === get().id) set({ followUp: { value: view, error: null, isLoading: false } });
  },
}));
