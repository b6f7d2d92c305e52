import { describe, expect, it } from 'vitest';
import { annualField, ledgerField } from '@shared/directory/sync-fields';
import { checkField } from '@shared/sync/fields';

// The 'enterprise' sync entity's field whitelist (shared/directory/sync-fields.ts), as client and
// server both apply it before an op is queued or stored.

const ok = (field: string, value: unknown) => checkField('enterprise', field, value as never);

describe('enterprise sync fields', () => {
  it('accepts identity attributes with valid values and refuses invalid ones', () => {
    expect(ok('name', '中卫市金沙商贸有限公司')).toEqual({ ok: true });
    expect(ok('scale', 'above')).toEqual({ ok: true });
    expect(ok('scale', 'huge')).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(ok('divisionCode', '6405021002')).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(ok('$create', { areaCode: '640502100201', uscc: '91640502MA00000071' })).toEqual({ ok: true });
    expect(ok('$create', { areaCode: '640502100201001' })).toMatchObject({ ok: false });
  });

  it('takes one ledger cell per field, as an integer or null, for known indicators and months only', () => {
    expect(ledgerField(2024, 3, 'revenue')).toBe('ledger.2024-03.revenue');
    expect(ok(ledgerField(2024, 3, 'revenue'), 1_500)).toEqual({ ok: true });
    expect(ok(ledgerField(2024, 3, 'revenue'), null)).toEqual({ ok: true });
    expect(ok(ledgerField(2024, 3, 'revenue'), 1.5)).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(ok('ledger.2024-13.revenue', 1)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(ok('ledger.2024-03.profitMargin', 1)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(ok(annualField(2023, 'employees'), 30)).toEqual({ ok: true });
  });

  it('checks evidence references, notes, transitions and materials by their shapes', () => {
    const ref = {
      sha256: 'a'.repeat(64),
      fileName: '发票.png',
      mimeType: 'image/png',
      size: 10,
      kind: 'voucher',
      note: '',
      figures: [{ year: 2024, month: 1, indicator: 'revenue' }],
      createdAt: '2024-06-01T00:00:00.000Z',
      createdBy: '王敏',
      removedAt: null,
      removedReason: null,
    };
    expect(ok('evidence.ev-00000001', ref)).toEqual({ ok: true });
    expect(ok('evidence.ev-00000001', { ...ref, sha256: 'nothex' })).toMatchObject({ ok: false });
    expect(ok('material.licence', { isProvided: true, evidenceIds: ['ev-00000001'], note: '', updatedAt: 'x' })).toEqual({ ok: true });
    expect(ok('material.bribe', { isProvided: true, evidenceIds: [], note: '', updatedAt: 'x' })).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(ok('followup.stage', 'applied')).toEqual({ ok: true });
    expect(ok('followup.stage', 'approved')).toMatchObject({ ok: false });
    expect(ok('transition.tr-00000001', { from: null, to: 'candidate', date: '2024-05-01', at: 'x', by: '王敏', reason: null })).toEqual({ ok: true });
    expect(ok('note.nt-00000001', { date: '2024-05-01', method: 'visit', contact: '', text: '上门', createdBy: '王敏', createdAt: 'x' })).toEqual({ ok: true });
  });

  it('refuses fields that are not an enterprise’s', () => {
    expect(ok('611.revenue', 1)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(ok('searchText', 'x')).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(ok('isNearThreshold', true)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
  });
});
