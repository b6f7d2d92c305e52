import { afterEach, describe, expect, it } from 'vitest';
import { packsOf, storePack } from '@main/forms/packs';
import { createTempStore, type TempStore } from '../helpers/store';
import { nextPack } from './fixtures';

// Which pack is in force after the app starts again: the one put in force last, counted, not
// timed, so a laptop whose clock was set back (a flat battery, a user fixing the date) never
// brings an older version back.

let store: TempStore | undefined;
afterEach(() => store?.dispose());

describe('the pack in force across a restart', () => {
  it('is the one put in force last, whatever the clock said', () => {
    store = createTempStore();
    const first = store.open();
    expect(storePack(first.db, nextPack('2023.3'), { activate: true, at: new Date('2024-03-10T10:00:00Z') }).ok).toBe(true);
    // The clock was set back a day before the next version arrived.
    expect(storePack(first.db, nextPack('2023.4'), { activate: true, at: new Date('2024-03-09T10:00:00Z') }).ok).toBe(true);
    expect(packsOf(first.db).current.ref).toBe('wjp5-2023@2023.4');
    first.sqlite.close();

    const again = store.open();
    expect(packsOf(again.db).current.ref).toBe('wjp5-2023@2023.4');
    // A version received for units filled under it only does not come into force.
    expect(storePack(again.db, nextPack('2023.1-old'), { activate: false, at: new Date('2024-03-11T10:00:00Z') }).ok).toBe(true);
    again.sqlite.close();
    const third = store.open();
    expect(packsOf(third.db).current.ref).toBe('wjp5-2023@2023.4');
    expect(packsOf(third.db).has('wjp5-2023@2023.1-old')).toBe(true);
    third.sqlite.close();
  });
});
