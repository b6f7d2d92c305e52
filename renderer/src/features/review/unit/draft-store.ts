import { create } from 'zustand';

// The comments a reviewer is writing on the unit on screen, by item path ('611.revenue'), until
// they go out with a return. Kept in memory only: nothing is recorded until the decision.

interface DraftState {
  /** The item whose comment box is open. */
  active: string | null;
  drafts: Record<string, string>;
  note: string;
  activate(path: string | null): void;
  setDraft(path: string, text: string): void;
  remove(path: string): void;
  setNote(note: string): void;
  reset(): void;
}

export const useDraftStore = create<DraftState>()((set) => ({
  active: null,
  drafts: {},
  note: '',
  activate(path) {
    set({ active: path });
  },
  setDraft(path, text) {
    set((s) => ({ drafts: { ...s.drafts, [path]: text } }));
  },
  remove(path) {
    set((s) => {
      const { [path]: _gone, ...drafts } = s.drafts;
      return { drafts, active: s.active === path ? null : s.active };
    });
  },
  setNote(note) {
    set({ note });
  },
  reset() {
    set({ active: null, drafts: {}, note: '' });
  },
}));

/** The drafts that would be sent: non-blank, trimmed, in the order they were started. */
export const draftComments = (drafts: Record<string, string>): { path: string; text: string }[] =>
  Object.entries(drafts)
    .map(([path, text]) => ({ path, text: text.trim() }))
    .filter((c) => c.text !== '');
