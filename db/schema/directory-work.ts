import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { enterprises } from './enterprises';

// 入规纳统 follow-up (候选 → 培育中 → 已申报 → 已入库 / 未通过) and the 双随机 draws.

export const followUps = sqliteTable('follow_ups', {
  enterpriseId: text('enterprise_id')
    .primaryKey()
    .references(() => enterprises.id),
  stage: text('stage').notNull(),
  rejectionReason: text('rejection_reason'),
  /** 'monthly' or 'annual' application round, once applied. */
  applicationRound: text('application_round'),
  version: integer('version').notNull().default(1),
  updatedAt: text('updated_at').notNull(),
});

/** Each stage move, with the day it happened and who recorded it. */
export const followUpTransitions = sqliteTable(
  'follow_up_transitions',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    date: text('date').notNull(),
    at: text('at').notNull(),
    by: text('by').notNull(),
    reason: text('reason'),
  },
  (t) => [index('follow_up_transitions_enterprise_idx').on(t.enterpriseId, t.at)],
);

/** Dated notes of each contact (一对一指导). */
export const followUpNotes = sqliteTable(
  'follow_up_notes',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    date: text('date').notNull(),
    method: text('method').notNull(),
    contact: text('contact').notNull().default(''),
    text: text('text').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('follow_up_notes_enterprise_idx').on(t.enterpriseId, t.date)],
);

/** The application materials checklist, one row per enterprise and item. */
export const followUpMaterials = sqliteTable(
  'follow_up_materials',
  {
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    key: text('key').notNull(),
    isProvided: integer('is_provided', { mode: 'boolean' }).notNull(),
    /** JSON array of evidence ids. */
    evidenceIds: text('evidence_ids').notNull().default('[]'),
    note: text('note').notNull().default(''),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.key] })],
);

/** A 双随机 draw as run: the seed, the pool it ran over and what it drew. Never edited. */
export const draws = sqliteTable('draws', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  seed: text('seed').notNull(),
  algorithm: text('algorithm').notNull(),
  /** JSON EnterpriseFilter. */
  filter: text('filter').notNull(),
  poolSize: integer('pool_size').notNull(),
  poolHash: text('pool_hash').notNull(),
  /** JSON array of names. */
  inspectors: text('inspectors').notNull(),
  inspectorsPerEnterprise: integer('inspectors_per_enterprise').notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});

export const drawItems = sqliteTable(
  'draw_items',
  {
    drawId: text('draw_id')
      .notNull()
      .references(() => draws.id),
    /**
     * The drawn enterprise. No foreign key: draws sync ('draw', inspection/sync-adapter.ts) and
     * may arrive before the enterprise, or on a laptop that does not hold it; the row keeps
     * the enterprise's USCC, name and division as drawn.
     */
    enterpriseId: text('enterprise_id').notNull(),
    /** Order in the draw (0-based). */
    position: integer('position').notNull(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    divisionCode: text('division_code').notNull(),
    inspectors: text('inspectors').notNull(),
    result: text('result').notNull().default('pending'),
    findings: text('findings').notNull().default(''),
    isClosed: integer('is_closed', { mode: 'boolean' }).notNull().default(false),
    closedAt: text('closed_at'),
    closingNote: text('closing_note').notNull().default(''),
    updatedAt: text('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.drawId, t.enterpriseId] })],
);
