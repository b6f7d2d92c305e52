import { create } from 'zustand';
import type { FormValues } from '@shared/forms';
import type { Explanations, UnitDetail } from '@shared/registration/registration';
import type { AppErrorShape } from '@shared/result';
import { call } from '../../../lib/api';
import { asWireForms } from '../form/draft';
import { canonicalJson } from '@shared/sync/protocol';

// The unit open on the form screen: what the user has typed (all forms and explanations), what
// main last confirmed, and the autosave between them. Saving a draft is always allowed and
// automatic: about a second after the last change, and when the user leaves.
// Saves carry the version the user edited; a CONFLICT never overwrites the other change and
// never drops this one: the local edits are kept aside to re-apply or discard.

export const AUTOSAVE_DELAY_MS = 1000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/** The user's own edits since the last save, item by item (null = the user cleared it). */
export interface KeptEdits {
  forms: Record<string, Record<string, FormValues[string] | null>>;
  explanations: Explanations;
}

/** What the user changed between `base` (last loaded or saved) and `local`, per form item. */
function editsSince(
  base: { forms: Record<string, FormValues>; explanations: Explanations },
  local: { forms: Record<string, FormValues>; explanations: Explanations },
): KeptEdits {
  const forms: KeptEdits['forms'] = {};
  for (const formId of new Set([...Object.keys(base.forms), ...Object.keys(local.forms)])) {
    const before = base.forms[formId] ?? {};
    const after = local.forms[formId] ?? {};
    for (const code of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (canonicalJson(before[code]) === canonicalJson(after[code])) continue;
      forms[formId] = { ...forms[formId], [code]: after[code] ?? null };
    }
  }
  const explanations: Explanations = {};
  for (const [key, text] of Object.entries(local.explanations)) {
    if ((base.explanations[key] ?? '') !== text) explanations[key] = text;
  }
  return { forms, explanations };
}

/** `edits` applied over `forms` (the version someone else saved): only what the user touched. */
function applyEdits(forms: Record<string, FormValues>, edits: KeptEdits): Record<string, FormValues> {
  const out: Record<string, FormValues> = { ...forms };
  for (const [formId, changes] of Object.entries(edits.forms)) {
    const values: FormValues = { ...out[formId] };
    for (const [code, value] of Object.entries(changes)) {
      if (value === null) delete values[code];
      else values[code] = value;
    }
    out[formId] = values;
  }
  return out;
}

interface SessionState {
  unitId: string | null;
  detail: UnitDetail | null;
  loadError: AppErrorShape | null;
  forms: Record<string, FormValues>;
  explanations: Explanations;
  saveState: SaveState;
  savedAt: string | null;
  saveError: AppErrorShape | null;
  /** Local edits kept aside after a CONFLICT. */
  kept: KeptEdits | null;
  /** Bumped whenever the forms are replaced from outside the editors (reload, re-apply). */
  generation: number;
  open(id: string): Promise<void>;
  setForm(formId: string, values: FormValues): void;
  setExplanation(key: string, text: string): void;
  /** Saves now if anything is unsaved; resolves false when the save failed. */
  flush(): Promise<boolean>;
  reapplyKept(): void;
  discardKept(): void;
  /** Replaces the detail after a workflow action (submit, not found, reopen). */
  accept(detail: UnitDetail): void;
  close(): void;
}

/** What was last sent to (or loaded from) main, to tell whether there is anything to save. */
let baseline = '';
/** The same as data: after a CONFLICT, the user's edits are what differs from it. */
let base: { forms: Record<string, FormValues>; explanations: Explanations } = { forms: {}, explanations: {} };
let timer: number | undefined;
let inFlight: Promise<boolean> | null = null;

const snapshot = (forms: Record<string, FormValues>, explanations: Explanations) =>
  canonicalJson({ forms: withoutEmpty(forms), explanations: withoutBlank(explanations) });

function withoutEmpty(forms: Record<string, FormValues>): Record<string, FormValues> {
  return Object.fromEntries(Object.entries(forms).filter(([, v]) => Object.keys(v).length > 0));
}

function withoutBlank(explanations: Explanations): Explanations {
  return Object.fromEntries(Object.entries(explanations).filter(([, v]) => v.trim() !== ''));
}

function clearTimer(): void {
  if (timer !== undefined) window.clearTimeout(timer);
  timer = undefined;
}

export const useUnitSession = create<SessionState>()((set, get) => {
  const schedule = () => {
    clearTimer();
    // After a CONFLICT nothing is saved until the user re-applies or discards the kept edits.
    if (get().kept) return;
    const { forms, explanations } = get();
    if (snapshot(forms, explanations) === baseline) {
      if (get().saveState === 'pending') set({ saveState: 'saved' });
      return;
    }
    set({ saveState: 'pending' });
    timer = window.setTimeout(() => void get().flush(), AUTOSAVE_DELAY_MS);
  };

  const loadDetail = (detail: UnitDetail) => {
    const forms = detail.forms as Record<string, FormValues>;
    baseline = snapshot(forms, detail.explanations);
    base = { forms, explanations: detail.explanations };
    set((s) => ({
      detail,
      forms,
      explanations: detail.explanations,
      saveState: 'saved',
      saveError: null,
      generation: s.generation + 1,
    }));
  };

  const saveOnce = async (): Promise<boolean> => {
    const { detail, forms, explanations } = get();
    if (!detail) return true;
    const sent = snapshot(forms, explanations);
    if (sent === baseline) {
      set({ saveState: 'saved' });
      return true;
    }
    set({ saveState: 'saving' });
    const result = await call('units:save', {
      id: detail.id,
      version: detail.version,
      forms: asWireForms(withoutEmpty(forms)),
      explanations: withoutBlank(explanations),
    });
    if (result.ok) {
      baseline = sent;
      base = { forms, explanations };
      const changedMeanwhile = snapshot(get().forms, get().explanations) !== sent;
      set({
        detail: result.value,
        savedAt: new Date().toISOString(),
        saveError: null,
        saveState: changedMeanwhile ? 'pending' : 'saved',
      });
      if (changedMeanwhile) schedule();
      return true;
    }
    if (result.error.code === 'CONFLICT') {
      // Someone else saved first. Keep the user's own edits aside (item by item), show theirs.
      const kept = editsSince(base, { forms: get().forms, explanations: get().explanations });
      const fresh = await call('units:get', { id: detail.id });
      if (fresh.ok) loadDetail(fresh.value);
      set({ kept, saveState: 'error', saveError: result.error });
      return false;
    }
    set({ saveState: 'error', saveError: result.error });
    return false;
  };

  return {
    unitId: null,
    detail: null,
    loadError: null,
    forms: {},
    explanations: {},
    saveState: 'saved',
    savedAt: null,
    saveError: null,
    kept: null,
    generation: 0,

    async open(id) {
      clearTimer();
      set({ unitId: id, detail: null, loadError: null, kept: null, savedAt: null, saveError: null });
      const result = await call('units:get', { id });
      if (get().unitId !== id) return;
      if (result.ok) loadDetail(result.value);
      else set({ loadError: result.error });
    },

    setForm(formId, values) {
      const current = get().forms[formId];
      if (current && canonicalJson(current) === canonicalJson(values)) return;
      set((s) => ({ forms: { ...s.forms, [formId]: values } }));
      schedule();
    },

    setExplanation(key, text) {
      set((s) => ({ explanations: { ...s.explanations, [key]: text } }));
      schedule();
    },

    async flush() {
      clearTimer();
      // One save at a time: a save started while another runs waits and then sends the newest.
      while (inFlight) await inFlight;
      if (!get().detail || get().kept) return get().kept === null;
      inFlight = saveOnce();
      try {
        return await inFlight;
      } finally {
        inFlight = null;
      }
    },

    reapplyKept() {
      const { kept } = get();
      if (!kept) return;
      set((s) => ({
        forms: applyEdits(s.forms, kept),
        explanations: { ...s.explanations, ...kept.explanations },
        kept: null,
        saveError: null,
        generation: s.generation + 1,
      }));
      schedule();
    },

    discardKept() {
      set({ kept: null, saveError: null, saveState: 'saved' });
      schedule();
    },

    accept(detail) {
      loadDetail(detail);
    },

    close() {
      clearTimer();
      baseline = '';
      set({ unitId: null, detail: null, loadError: null, forms: {}, explanations: {}, kept: null, saveError: null });
    },
  };
});
