import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultSettings, type Language } from '@shared/session/settings';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// Chinese is the working language of the census; English exists for reviewers and the
// occasional non-Chinese-reading developer. zh-CN is also the fallback so a key missing
// from en.json shows Chinese rather than a raw key.
export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const satisfies Record<Language, { translation: unknown }>;

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: defaultSettings.language,
  fallbackLng: 'zh-CN',
  // Resources are bundled, so initialisation completes before the first render.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  showSupportNotice: false,
});

/** Switches the UI language and the document language (which also drives CJK font choice). */
export async function applyLanguage(language: Language): Promise<void> {
  document.documentElement.lang = language;
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
