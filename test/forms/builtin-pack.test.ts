import { describe, expect, it } from 'vitest';
import { hashMatches, packHash, sealPack } from '@shared/node/pack-hash';
import { builtinPackJson } from '@shared/packs/builtin';
import { checkPack } from '@shared/packs/check';
import { loadPack, PackLoadError } from '@shared/packs/load';
import { PACK_SCHEMA } from '@shared/packs/types';
import { pack, packWith } from './pack';

// The pack the app ships: it must pass every check a published pack passes, and carry the hash
// of its content (a hand edit without `census forms seal` is refused by main and the server).

describe('the built-in pack', () => {
  it('passes checkPack', () => {
    expect(checkPack(builtinPackJson)).toEqual([]);
  });

  it('is the document builtinPack() loads, at the format this app reads', () => {
    expect(pack.body).toBe(builtinPackJson);
    expect(pack.ref).toBe(`${pack.id}@${pack.version}`);
    expect(pack.id).toBe('wjp5-2023');
    expect(pack.body.schema).toBe(PACK_SCHEMA);
  });

  it('carries the hash of its content', () => {
    expect(pack.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(packHash(pack.body)).toBe(pack.body.hash);
    expect(hashMatches(pack.body)).toBe(true);
  });

  it('no longer matches its hash once anything in it changes, until sealed again', () => {
    const edited = packWith((doc) => ({ ...doc, settings: { ...doc.settings, minAnnualPayPerPerson: 13 } }));
    expect(hashMatches(edited)).toBe(false);
    const renamed = packWith((doc) => ({ ...doc, codeLists: doc.codeLists.map((l) => (l.id === 'yesNo' ? { ...l, nameZh: '是否？' } : l)) }));
    expect(hashMatches(renamed)).toBe(false);
    const sealed = sealPack(edited);
    expect(hashMatches(sealed)).toBe(true);
    expect(sealed.hash).not.toBe(pack.body.hash);
  });

  it('refuses a pack of a newer format, and one that is not a pack at all, with the place of each problem', () => {
    const newer = checkPack(packWith((doc) => ({ ...doc, schema: PACK_SCHEMA + 1 })));
    expect(newer).toEqual([{ place: { kind: 'pack', field: 'schema' }, message: expect.stringContaining('升级程序') }]);
    expect(checkPack({}).length).toBeGreaterThan(0);
    expect(checkPack(null).length).toBeGreaterThan(0);
    expect(() => loadPack({ ...pack.body, forms: 'none' })).toThrow(PackLoadError);
  });
});
