import { randomUUID } from 'node:crypto';
import { asc, desc, eq, like, sql } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { interferenceEntries } from '@db/schema';
import {
  InterferenceEntry,
  isFutureDate,
  type InterferenceCreateValue,
  type InterferenceList,
  type InterferenceQuery,
  type ParsedInterferenceDraft,
} from '@shared/interference/entry';
import { interferenceYearCount } from '@shared/interference/year-count';
import { AppError } from '@shared/result';
import { requirePermission } from '../session/roles';
import { getSettings } from '../session/settings-queries';
import { recordOps } from '../sync/outbox';

// The interference register on the laptop (shared/interference/entry.ts). Two things only:
// list and record. There is no edit and no delete here, in the IPC contract or in the UI, and
// the store refuses both (migration 0026); a correction is recorded as a new entry naming the
// one it corrects. Every call needs 'interference.keep' (the leadership's role): for anyone
// else the register does not exist on this laptop, and the server never sends it to them.

export interface InterferenceOptions {
  now?: () => Date;
  newId?: () => string;
}

type Row = typeof interferenceEntries.$inferSelect;

/** A row as the entry it is (the store holds what the schema accepted). */
export function entryOf(row: Row): InterferenceEntry {
  const { areaCode: _area, ...entry } = row;
  return InterferenceEntry.parse(entry);
}

/** The local calendar date of `at` (an entry's date is the day it happened where it happened). */
const localDate = (at: Date): string =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;

/** The county the register belongs to: the deployment region, else the county of the account's areas. */
function countyOf(db: AppDatabase, scope: readonly string[]): string | null {
  const region = getSettings(db).regionCode.slice(0, 6);
  if (/^\d{6}$/.test(region)) return region;
  const area = scope.find((p) => /^\d{6}/.test(p));
  return area ? area.slice(0, 6) : null;
}

const refuse = (path: string, code: string, zh: string, en: string): AppError =>
  new AppError('RULE_VIOLATION', `${zh} / ${en}`, [{ path, message: code }]);

export function createInterferenceService(db: AppDatabase, opts: InterferenceOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  function allEntries(): InterferenceEntry[] {
    return db.select().from(interferenceEntries).orderBy(desc(interferenceEntries.occurredOn), desc(interferenceEntries.recordedAt), desc(sql`rowid`)).all().map(entryOf);
  }

  return {
    list(query: InterferenceQuery): InterferenceList {
      requirePermission(db, 'interference.keep');
      const all = allEntries();
      const shown = query.year === null ? all : all.filter((e) => e.occurredOn.startsWith(`${query.year}-`));
      const correctedBy = new Map<string, string[]>();
      for (const e of all) if (e.corrects !== null) correctedBy.set(e.corrects, [...(correctedBy.get(e.corrects) ?? []), e.id]);
      const years = [...new Set(all.map((e) => Number(e.occurredOn.slice(0, 4))))].sort((a, b) => b - a);
      return {
        rows: shown.map((entry) => ({ entry, correctedBy: correctedBy.get(entry.id) ?? [] })),
        years,
        yearCount: query.year === null ? null : interferenceYearCount(all, query.year),
      };
    },

    /** The entries of `year` (all when null), oldest first (then in the order this laptop got them): the exports' order. */
    entriesOf(year: number | null): InterferenceEntry[] {
      requirePermission(db, 'interference.keep');
      const where = year === null ? undefined : like(interferenceEntries.occurredOn, `${year}-%`);
      return db.select().from(interferenceEntries).where(where).orderBy(asc(interferenceEntries.occurredOn), asc(interferenceEntries.recordedAt), asc(sql`rowid`)).all().map(entryOf);
    },

    get(id: string): InterferenceEntry {
      requirePermission(db, 'interference.keep');
      const row = db.select().from(interferenceEntries).where(eq(interferenceEntries.id, id)).get();
      if (!row) throw new AppError('NOT_FOUND', `没有此条记录 / No entry ${id}`);
      return entryOf(row);
    },

    /** Records a new entry (never changes one): who and when come from the session. */
    record(draft: ParsedInterferenceDraft): InterferenceEntry {
      const session = requirePermission(db, 'interference.keep');
      if (session.userId === null) throw new AppError('FORBIDDEN', '请先登录服务器 / Sign in to the server first');
      const at = now();
      if (isFutureDate(draft.occurredOn, localDate(at))) {
        throw refuse('occurredOn', 'FUTURE_DATE', '发生日期不能晚于今天', 'The date cannot be after today');
      }
      const areaCode = countyOf(db, session.scope);
      if (areaCode === null) throw refuse('areaCode', 'NO_COUNTY', '请先在设置中填写所在区县的区划代码', 'Set the deployment region code in Settings first');
      const id = newId();
      const entry: InterferenceEntry = {
        id,
        ...draft,
        recordedAt: at.toISOString(),
        recordedById: session.userId,
        recordedByName: session.userName.trim().slice(0, 100) || session.userId,
      };
      db.transaction((tx) => {
        if (draft.corrects !== null && !tx.select({ id: interferenceEntries.id }).from(interferenceEntries).where(eq(interferenceEntries.id, draft.corrects)).get()) {
          throw refuse('corrects', 'CORRECTS_UNKNOWN', '要更正的记录不存在', 'The entry to correct does not exist');
        }
        tx.insert(interferenceEntries).values({ ...entry, areaCode }).run();
        const { id: _id, ...fields } = entry;
        const value: InterferenceCreateValue = { areaCode, ...fields };
        recordOps(tx, [{ entity: 'interference', entityId: id, areaCode, field: '$create', value }], at);
      });
      return entry;
    },
  };
}

export type InterferenceService = ReturnType<typeof createInterferenceService>;
