import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '@shared/result';
import { languages } from '@shared/session/settings';
import { unitStatuses } from '@shared/registration/units';

// Read as files rather than imported: the JSON belongs to the renderer's TypeScript project.
const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer/src/app/locales');

type Tree = { [key: string]: string | Tree };

function load(language: string): Tree {
  return JSON.parse(readFileSync(path.join(localesDir, `${language}.json`), 'utf8')) as Tree;
}

/** Every leaf as [dotted key, value]; a non-string leaf is reported as such. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]): [string, unknown][] =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

const byLanguage = Object.fromEntries(languages.map((l) => [l, leaves(load(l))]));
const keysOf = (language: string) => (byLanguage[language] ?? []).map(([key]) => key).sort();
/** English has a singular ('1 conflict'): i18next picks `key_one` for a count of 1, else `key`.
 * Chinese has no plural forms, so those keys exist in English only. */
const isSingular = (key: string) => key.endsWith('_one');
const baseKeysOf = (language: string) => keysOf(language).filter((k) => !isSingular(k));

describe('UI translations', () => {
  it('has the same keys in every language', () => {
    const reference = keysOf('zh-CN');
    expect(reference.length).toBeGreaterThan(0);
    for (const language of languages) expect(baseKeysOf(language), language).toEqual(reference);
  });

  it('has a singular only beside its plural message, with the same variables but the count', async () => {
    const en = new Map(byLanguage.en);
    const vars = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const singulars = keysOf('en').filter(isSingular);
    expect(singulars.length).toBeGreaterThan(0);
    for (const key of singulars) {
      const base = key.slice(0, -'_one'.length);
      expect(en.has(base), key).toBe(true);
      expect(vars(en.get(base)), key).toContain('count');
      expect(vars(en.get(key)), key).toEqual(vars(en.get(base)).filter((v) => v !== 'count'));
    }
    // What a user reads: i18next (as the renderer configures it) picks the singular for one.
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: load('en') }, 'zh-CN': { translation: load('zh-CN') } }, interpolation: { escapeValue: false } });
    expect(i18n.t('sync.conflicts.caption', { count: 1 })).toBe('1 conflict');
    expect(i18n.t('sync.conflicts.caption', { count: 2 })).toBe('2 conflicts');
    expect(i18n.t('sync.conflicts.caption', { count: 0 })).toBe('0 conflicts');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('sync.conflicts.caption', { count: 1 })).toBe(String(new Map(byLanguage['zh-CN']).get('sync.conflicts.caption')).replace('{{count}}', '1'));
  });

  it('has no empty or non-string messages', () => {
    for (const language of languages) {
      for (const [key, value] of byLanguage[language] ?? []) {
        expect(typeof value, `${language} ${key}`).toBe('string');
        expect(String(value).trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same interpolation variables in every language', () => {
    const vars = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const zh = new Map(byLanguage['zh-CN']);
    for (const [key, value] of byLanguage.en ?? []) if (!isSingular(key)) expect(vars(value), key).toEqual(vars(zh.get(key)));
  });

  it('has a message for every error code and every unit status', () => {
    const keys = new Set(keysOf('zh-CN'));
    for (const code of errorCodes) expect(keys.has(`errors.${code}`), code).toBe(true);
    for (const status of unitStatuses) expect(keys.has(`unitStatus.${status}`), status).toBe(true);
  });
});
