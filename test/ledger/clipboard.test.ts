import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorDef } from '@shared/ledger/indicators';
import {
  copyText,
  parsePastedFigure,
  parseTsv,
  planPaste,
  toTsv,
} from '@shared/ledger/clipboard';

// The ledger grid's clipboard: TSV as spreadsheets write it, figures as Excel copies them, and
// where a pasted block lands and whether it may be written at all.

const defs = (['revenue', 'operatingCost', 'taxesAndSurcharges', 'totalProfit'] as const).map(indicatorDef);
const profit = indicatorDef('totalProfit');
const revenue = indicatorDef('revenue');
const electricity = indicatorDef('electricity');

describe('TSV', () => {
  it('reads what Excel puts on the clipboard', () => {
    expect(parseTsv('1,200\t300\r\n1,300\t\r\n')).toEqual([
      ['1,200', '300'],
      ['1,300', ''],
    ]);
    // LF only (LibreOffice on Linux), no trailing line break, a quoted cell with a tab, a line break and a quote.
    expect(parseTsv('a\t"b\tc\nd ""e"""\nf\tg')).toEqual([
      ['a', 'b\tc\nd "e"'],
      ['f', 'g'],
    ]);
    // A quote inside a cell that does not start with one is just a character.
    expect(parseTsv('5"\t6\r\n')).toEqual([['5"', '6']]);
    // Ragged rows are padded; an empty clipboard is no block.
    expect(parseTsv('1\t2\t3\r\n4\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '', ''],
    ]);
    expect(parseTsv('')).toEqual([]);
  });

  it('writes what it reads back, for any block of cells', () => {
    const cell = fc.string({ maxLength: 8 }).map((s) => s.replace(/\r/g, ''));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 })),
        (rows) => {
          expect(parseTsv(toTsv(rows))).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('figures as Excel copies them', () => {
  it.each([
    ['12,345', 12345],
    ['１２，３４５', 12345],
    [' 800 ', 800],
    ['1,234.00', 1234],
    ['¥1,234', 1234],
    ['(1,234)', -1234],
    ['-35', -35],
    ['', null],
  ])('reads “%s” as %s', (text, value) => {
    expect(parsePastedFigure(text, profit)).toEqual({ ok: true, value });
  });

  it.each([
    ['12.5', 'tooManyDecimals'],
    ['abc', 'notANumber'],
    ['#N/A', 'notANumber'],
    ['1.2E+05', 'notANumber'],
    ['99999999999999', 'tooLarge'],
  ] as const)('refuses “%s” for a figure in whole 千元 (%s)', (text, reason) => {
    expect(parsePastedFigure(text, profit)).toEqual({ ok: false, reason });
  });

  it('reads 用电量 in 万千瓦时 with up to four decimals (stored as 千瓦时), refusing a fifth', () => {
    expect(parsePastedFigure('1.2345', electricity)).toEqual({ ok: true, value: 12345 });
    expect(parsePastedFigure('12', electricity)).toEqual({ ok: true, value: 120000 });
    expect(parsePastedFigure('0.5', electricity)).toEqual({ ok: true, value: 5000 });
    expect(parsePastedFigure('1.23456', electricity)).toEqual({ ok: false, reason: 'tooManyDecimals' });
  });

  it('refuses a negative figure where the indicator cannot be negative', () => {
    expect(parsePastedFigure('-5', revenue)).toEqual({ ok: false, reason: 'negative' });
    expect(parsePastedFigure('(5)', revenue)).toEqual({ ok: false, reason: 'negative' });
  });
});

describe('planning a paste', () => {
  const months = (n: number, f: (m: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1));

  it('lands a 12 × 3 block from the focused cell, every cell with its month and indicator', () => {
    const text = months(12, (m) => `${m * 100}\t${m * 60}\t${m}`).join('\r\n') + '\r\n';
    const plan = planPaste(text, { start: { row: 0, col: 0 }, selection: null, rows: 12, defs });
    expect(plan.kind).toBe('ok');
    if (plan.kind !== 'ok') return;
    expect(plan.cells).toHaveLength(36);
    expect(plan.cells[0]).toMatchObject({ month: 1, indicator: 'revenue', to: 100 });
    expect(plan.cells.at(-1)).toMatchObject({ month: 12, indicator: 'taxesAndSurcharges', to: 12 });
  });

  it('refuses the whole block when one cell does not read, naming it', () => {
    const text = '100\t60\r\n200\t12.5\r\n300\t-7\r\n';
    const plan = planPaste(text, { start: { row: 0, col: 0 }, selection: null, rows: 12, defs });
    expect(plan).toEqual({
      kind: 'invalid',
      bad: [
        { row: 1, col: 1, month: 2, indicator: 'operatingCost', text: '12.5', reason: 'tooManyDecimals' },
        { row: 2, col: 1, month: 3, indicator: 'operatingCost', text: '-7', reason: 'negative' },
      ],
    });
  });

  it('refuses a block that does not fit from where it lands', () => {
    const text = months(3, (m) => `${m}\t${m}`).join('\n');
    expect(planPaste(text, { start: { row: 10, col: 0 }, selection: null, rows: 12, defs })).toEqual({
      kind: 'misfit',
      rows: 3,
      cols: 2,
      start: { row: 10, col: 0 },
    });
    expect(planPaste('1\t2\t3', { start: { row: 0, col: 2 }, selection: null, rows: 12, defs }).kind).toBe('misfit');
  });

  it('fills a selected range with one pasted value, from its top-left corner', () => {
    const plan = planPaste('0\r\n', { start: { row: 5, col: 3 }, selection: { top: 0, left: 0, bottom: 1, right: 1 }, rows: 12, defs });
    expect(plan.kind === 'ok' && plan.cells.map((c) => [c.month, c.indicator, c.to])).toEqual([
      [1, 'revenue', 0],
      [1, 'operatingCost', 0],
      [2, 'revenue', 0],
      [2, 'operatingCost', 0],
    ]);
  });

  it('treats an empty clipboard as nothing to paste', () => {
    expect(planPaste('', { start: { row: 0, col: 0 }, selection: null, rows: 12, defs })).toEqual({ kind: 'empty' });
    expect(planPaste('\r\n', { start: { row: 0, col: 0 }, selection: null, rows: 12, defs })).toEqual({ kind: 'empty' });
  });
});

describe('copying a block', () => {
  it('writes the stored figures as plain digits, blank where nothing is entered', () => {
    const stored: Record<string, number> = { '0.0': 1200, '0.1': 800, '1.0': -35 };
    expect(copyText({ top: 0, left: 0, bottom: 1, right: 1 }, (r, c) => stored[`${r}.${c}`] ?? null, (c) => defs[c])).toBe('1200\t800\r\n-35\t\r\n');
  });

  it('writes a figure in its form unit, so 用电量 copies as 万千瓦时 and pastes back the same', () => {
    const cols = [electricity, revenue];
    const text = copyText({ top: 0, left: 0, bottom: 0, right: 1 }, (_r, c) => (c === 0 ? 12345 : 800), (c) => cols[c]);
    expect(text).toBe('1.2345\t800\r\n');
    const plan = planPaste(text, { start: { row: 0, col: 0 }, selection: null, rows: 12, defs: cols });
    expect(plan.kind === 'ok' ? plan.cells.map((c) => c.to) : plan).toEqual([12345, 800]);
  });
});
