import { describe, expect, it } from 'vitest';
import { sealPack } from '@shared/node/pack-hash';
import { loadWorkbook, workbookBytes, workbookToPack } from '@shared/node/pack-workbook';
import { packToWorkbook } from '@shared/packs/workbook/write';
import { computeDoc } from '../forms/compute-pack';

// Computed items (compute, compute_allow_blank), multi-choice items (codes, max_choices) and
// the size bands of unitScale (the 规模划分 sheet) through the authoring workbook.

describe('computed and multi-choice items in the workbook', () => {
  it('come back unchanged, size bands included', async () => {
    const pack = sealPack(computeDoc());
    const back = workbookToPack(await loadWorkbook(await workbookBytes(packToWorkbook(pack)), 'compute.xlsx'));
    expect(back.problems).toEqual([]);
    expect(back.pack).toStrictEqual(JSON.parse(JSON.stringify(pack)));
  });

  it('name the cell of a compute expression that does not fit the item', async () => {
    const pack = sealPack(computeDoc((items) => items.map((i) => (i.code === 'revenue' ? { ...i, compute: ['f611_3.revenue', 'name'] } : i))));
    const back = workbookToPack(await loadWorkbook(await workbookBytes(packToWorkbook(pack)), 'compute.xlsx'));
    expect(back.problems).toHaveLength(1);
    expect(back.problems[0]).toMatchObject({ sheet: '项目 items', header: '计算式 compute', message: expect.stringContaining('第2个计算式的结果是 string') });
  });

  it('name the row of a size band out of order', async () => {
    const doc = computeDoc();
    const bands = doc.scaleBands;
    if (!bands) throw new Error('no bands');
    const pack = sealPack({ ...doc, scaleBands: { ...bands, bands: bands.bands.map((b, i) => (i === 2 ? { ...b, small: [500, 1] } : b)) } });
    const back = workbookToPack(await loadWorkbook(await workbookBytes(packToWorkbook(pack)), 'compute.xlsx'));
    expect(back.problems.map((p) => [p.sheet, p.row])).toEqual([['规模划分 scale', 4]]);
  });
});
