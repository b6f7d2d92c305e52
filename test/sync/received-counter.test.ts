import { describe, expect, it } from 'vitest';
import { receivedCounter } from '@main/sync/run-record';
import type { Change } from '@shared/sync/protocol';

// The "received n of total" a sync shows counts entities, not changes: an entity's fields may
// come on several pages, and two kinds may use the same id.

const change = (entity: Change['entity'], entityId: string, field: string): Change => ({
  gseq: 1,
  entity,
  entityId,
  field,
  value: 1,
  deviceId: 'laptop-0001',
  userId: 'u-wang',
  hlc: '1710468000000-000001-laptop-0001',
  at: '2024-03-15T02:00:00.000Z',
  scopeKey: '640502100002001',
});

describe('receivedCounter', () => {
  it('counts each entity once, per kind, across pages, and never past the snapshot total', () => {
    const steps: [number, number | null][] = [];
    const onPage = receivedCounter({ step: (_phase, done, total) => void steps.push([done, total]) });
    onPage([change('unit', 'id-00000001', '$create'), change('unit', 'id-00000001', '611.name'), change('unit', 'id-00000002', '$create')], 4);
    // The same id as another kind is another entity; a unit seen before is not counted again.
    onPage([change('enterprise', 'id-00000001', '$create'), change('unit', 'id-00000002', '611.name')], null);
    onPage([change('unit', 'id-00000003', '$create'), change('draw', 'id-00000004', '$create')], null);
    expect(steps).toEqual([
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('counts without a total when no snapshot said one (an incremental pull)', () => {
    const steps: [number, number | null][] = [];
    const onPage = receivedCounter({ step: (_phase, done, total) => void steps.push([done, total]) });
    onPage([change('unit', 'id-00000001', 'a'), change('unit', 'id-00000001', 'b')], null);
    onPage([change('unit', 'id-00000002', 'a')], null);
    expect(steps).toEqual([
      [1, null],
      [2, null],
    ]);
  });
});
