import { create } from 'zustand';
import type { AppInfo } from '@shared/ipc/contract';
import type { AppErrorShape, Result } from '@shared/result';
import type { Language, Settings, SettingsPatch } from '@shared/session/settings';
import { call } from '../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../lib/loadable';

// App-wide state: the settings (the header shows user, device and language from them) and
// what main says about this installation.
interface AppState {
  settings: Loadable<Settings>;
  info: Loadable<AppInfo>;
  /** A failed action started outside a page (the language switch); shown as a banner. */
  notice: AppErrorShape | null;
  load(): Promise<void>;
  /** Writes through settings:update; the stored settings change only when main accepted them. */
  updateSettings(patch: SettingsPatch): Promise<Result<Settings>>;
  setLanguage(language: Language): Promise<void>;
  dismissNotice(): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  settings: notLoaded(),
  info: notLoaded(),
  notice: null,

  async load() {
    set((s) => ({ settings: loading(s.settings), info: loading(s.info) }));
    const [settings, info] = await Promise.all([call('settings:get', undefined), call('app:info', undefined)]);
    set((s) => ({ settings: settled(s.settings, settings), info: settled(s.info, info) }));
  },

  async updateSettings(patch) {
    const result = await call('settings:update', patch);
    if (result.ok) set({ settings: { value: result.value, error: null, isLoading: false } });
    return result;
  },

  async setLanguage(language) {
    const result = await get().updateSettings({ language });
    set({ notice: result.ok ? null : result.error });
  },

  dismissNotice() {
    set({ notice: null });
  },
}));

/** The language the UI should show: the stored setting once known, Chinese before that. */
export const useLanguage = (): Language => useAppStore((s) => s.settings.value?.language ?? 'zh-CN');
