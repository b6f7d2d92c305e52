import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languages } from '@shared/session/settings';
import { backupKinds, BackupState, damageKinds, storeOpenErrorCodes } from '@shared/startup/startup';

// The start-up screen names every store problem by its code (renderer/src/features/startup):
// each code, damage kind, backup kind and backup state needs its words in every language.

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer/src/app/locales');

function lookup(language: string, key: string): unknown {
  let node: unknown = JSON.parse(readFileSync(path.join(localesDir, `${language}.json`), 'utf8'));
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

const keys = [
  ...storeOpenErrorCodes.flatMap((code) => [`startup.problem.${code}.title`, `startup.problem.${code}.body`]),
  ...damageKinds.map((kind) => `startup.damage.${kind}`),
  ...backupKinds.map((kind) => `startup.backups.kinds.${kind}`),
  ...BackupState.options.map((state) => `startup.backups.states.${state}`),
];

describe('start-up screen translations', () => {
  it.each(languages)('names every store problem, damage kind and backup state in %s', (language) => {
    for (const key of keys) expect(lookup(language, key), `${language} ${key}`).toMatch(/\S/);
  });
});
