import type zhCN from './locales/zh-CN.json';

// Typed keys: a t('…') call with a key missing from zh-CN.json is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
