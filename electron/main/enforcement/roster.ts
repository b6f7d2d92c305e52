import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { inspectors } from '@db/schema';
import { inspectorFromFields } from '@shared/enforcement/records';
import { cardRefusal, type Inspector, type InspectorCard } from '@shared/enforcement/roster';
import type { InspectorCardValue, InspectorCreateValue, RelatedValue } from '@shared/enforcement/sync-fields';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError, userError } from '@shared/result';
import type { JsonValue } from '@shared/sync/protocol';
import { requireEnterprise } from '../directory/service';
import { attribution, requirePermission } from '../session/roles';
import { getSettings } from '../session/settings-queries';
import { recordOps } from '../sync/outbox';
import { byOf, fieldsText, readFields } from './field-rows';

// The 执法检查人员 roster: add, correct or renew a card, and keep each inspector's 回避 list.
// An entry syncs as 'inspector' in the county's scope; every change is one field op, written
// with the row in one transaction.

export interface EnforcementOptions {
  now?: () => Date;
  newId?: () => string;
}

const today = (at: Date): string => at.toISOString().slice(0, 10);

function refuseCard(card: InspectorCard, at: Date): void {
  const refusal = cardRefusal(card, today(at));
  if (refusal === 'BACKWARDS') {
    throw userError('INVALID_INPUT', `执法证有效期的截止日期（${card.validTo}）早于起始日期（${card.validFrom}）。`, `The card's validity ends (${card.validTo}) before it starts (${card.validFrom}).`, [{ path: 'validTo', message: 'BACKWARDS' }]);
  }
  if (refusal === 'EXPIRED') {
    throw userError('INVALID_INPUT', `执法证 ${card.certNo} 已于 ${card.validTo} 过期，不能列入执法检查人员名录；请先换领新证。`, `Certificate ${card.certNo} expired on ${card.validTo}; an expired certificate cannot go on the roster. Renew it first.`, [{ path: 'validTo', message: 'EXPIRED' }]);
  }
}

export function listInspectors(db: Pick<AppDatabase, 'select'>): Inspector[] {
  return db
    .select()
    .from(inspectors)
    .all()
    .map((r) => inspectorFromFields(r.id, readFields(r.fields)))
    .filter((i): i is Inspector => i !== null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.certNo < b.certNo ? -1 : 1));
}

export function createRosterService(db: AppDatabase, opts: EnforcementOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  function get(id: string): Inspector {
    const row = db.select().from(inspectors).where(eq(inspectors.id, id)).get();
    const inspector = row ? inspectorFromFields(id, readFields(row.fields)) : null;
    if (!inspector) throw new AppError('NOT_FOUND', `没有此执法检查人员 / No inspector ${id}`);
    return inspector;
  }

  function county(): string {
    const region = getSettings(db).regionCode;
    if (region === '') throw userError('INVALID_INPUT', '请先在设置中选择本区（县）的区划代码。', 'Choose the district (county) code in Settings first.', [{ path: 'regionCode', message: 'MISSING' }]);
    return region.slice(0, 6);
  }

  /** Writes one field of an inspector: its op and the row, in one transaction. */
  function write(id: string, field: string, value: JsonValue, at: Date): Inspector {
    db.transaction((tx) => {
      const row = tx.select().from(inspectors).where(eq(inspectors.id, id)).get();
      const fields = readFields(row?.fields);
      const create = fields.get('$create') as { areaCode?: string } | undefined;
      const areaCode = field === '$create' ? (value as { areaCode: string }).areaCode : (create?.areaCode ?? county());
      fields.set(field, value);
      const text = fieldsText(fields);
      if (row) tx.update(inspectors).set({ fields: text, updatedAt: at.toISOString() }).where(eq(inspectors.id, id)).run();
      else tx.insert(inspectors).values({ id, fields: text, updatedAt: at.toISOString() }).run();
      recordOps(tx, [{ entity: 'inspector', entityId: id, areaCode, field, value }], at);
    });
    return get(id);
  }

  /** The certificate number must be unique on the roster: it is what the 公示 sheet and the draw order go by. */
  function refuseDuplicate(certNo: string, exceptId: string | null): void {
    const clash = listInspectors(db).find((i) => i.certNo.toUpperCase() === certNo.toUpperCase() && i.id !== exceptId);
    if (clash) throw userError('INVALID_INPUT', `执法证号 ${certNo} 已属于名录中的 ${clash.name}。`, `Certificate ${certNo} already belongs to ${clash.name} on the roster.`, [{ path: 'certNo', message: 'DUPLICATE' }]);
  }

  return {
    list: () => listInspectors(db),
    get,

    add(card: ParsedInput<'enforce:inspectorAdd'>): Inspector {
      const session = requirePermission(db, 'enforce.manage');
      attribution(db, session);
      const at = now();
      refuseCard(card, at);
      refuseDuplicate(card.certNo, null);
      const value: InspectorCreateValue = { areaCode: county(), ...card, at: at.toISOString(), by: byOf(session) };
      return write(newId(), '$create', value, at);
    },

    update(input: ParsedInput<'enforce:inspectorUpdate'>): Inspector {
      const session = requirePermission(db, 'enforce.manage');
      attribution(db, session);
      const current = get(input.id);
      const at = now();
      refuseCard(input.card, at);
      refuseDuplicate(input.card.certNo, input.id);
      const same = (Object.keys(input.card) as (keyof InspectorCard)[]).every((k) => input.card[k] === current[k]);
      if (same) return current;
      const value: InspectorCardValue = { ...input.card, at: at.toISOString(), by: byOf(session) };
      return write(input.id, 'card', value, at);
    },

    relate(input: ParsedInput<'enforce:inspectorRelate'>): Inspector {
      const session = requirePermission(db, 'enforce.manage');
      attribution(db, session);
      get(input.id);
      requireEnterprise(db, input.entry.enterpriseId);
      const at = now();
      const value: RelatedValue = { enterpriseName: input.entry.enterpriseName, reason: input.entry.reason, at: at.toISOString(), by: byOf(session), removed: null };
      return write(input.id, `related.${input.entry.enterpriseId}`, value, at);
    },

    unrelate(input: ParsedInput<'enforce:inspectorUnrelate'>): Inspector {
      const session = requirePermission(db, 'enforce.manage');
      attribution(db, session);
      get(input.id);
      const row = db.select().from(inspectors).where(eq(inspectors.id, input.id)).get();
      const field = `related.${input.enterpriseId}`;
      const current = readFields(row?.fields).get(field) as RelatedValue | undefined;
      if (!current || current.removed !== null) throw new AppError('NOT_FOUND', `该企业不在此人的回避名单中 / Not on this inspector's list: ${input.enterpriseId}`);
      const at = now();
      const value: RelatedValue = { ...current, removed: { reason: input.reason, at: at.toISOString(), by: byOf(session) } };
      return write(input.id, field, value, at);
    },
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
