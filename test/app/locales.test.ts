import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

describe('UI translations', () => {
  it('has the same keys in every language', () => {
    const reference = keysOf('zh-CN');
    expect(reference.length).toBeGreaterThan(0);
    for (const language of languages) expect(keysOf(language), language).toEqual(reference);
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
    for (const [key, value] of byLanguage.en ?? []) expect(vars(value), key).toEqual(vars(zh.get(key)));
  });

  it('has a message for every error code and every unit status', () => {
    const keys = new Set(keysOf('zh-CN'));
    for (const code of errorCodes) expect(keys.has(`errors.${code}`), code).toBe(true);
    for (const status of unitStatuses) expect(keys.has(`unitStatus.${status}`), status).toBe(true);
  });
});
