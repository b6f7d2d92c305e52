import { describe, expect, it } from 'vitest';
import { isBlank } from '@shared/forms/values';

// "Blank" is one function (shared/forms/values.ts) for the form rules, the renderer's history and
// comment views and the main process's frame notes and frame rows. A text of only spaces is blank
// (the rules already treated it as unanswered); so is an empty list of rows.
describe('isBlank', () => {
  it.each([
    ['undefined', undefined, true],
    ['null', null, true],
    ["''", '', true],
    ['spaces only', '  \t', true],
    ['no rows', [], true],
    ['0', 0, false],
    ['false', false, false],
    ["'0'", '0', false],
    ['text', ' x ', false],
    ['one row', [{}], false],
  ] as const)('%s', (_name, value, blank) => {
    expect(isBlank(value)).toBe(blank);
  });

});
