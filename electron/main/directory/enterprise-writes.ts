import { and, eq, sql } from 'drizzle-orm';
import type { EnterpriseFields } from '@shared/directory/directory';
import type { Db } from '@db/open';
import { enterpriseChanges, enterprises } from '@db/schema';
import { enterpriseSearchText, type ItemChange } from './queries';

// The enterprise writes: a row, a guarded update, a version bump after a change under it, the
// trace row, and a prepared writer for imports. Callers own the transaction: an enterprise write
// and its trace row are written together, inside one db.transaction((tx) => …).

export type NewEnterpriseRecord = typeof enterprises.$inferInsert;

export interface NewEnterpriseChange {
  enterpriseId: string;
  at: string;
  userName: string;
  deviceName: string;
  action: 'create' | 'update' | 'import' | 'ledger' | 'ledgerSigned' | 'signoff' | 'annual' | 'evidence' | 'followup' | 'materials' | 'inspection' | 'liaison' | 'sync';
  changes: readonly ItemChange[];
  reason: string | null;
}

/** Columns to write for `fields` (search text follows name, USCC, org code and address). */
export function columnsOf(f: EnterpriseFields) {
  return { ...f, searchText: enterpriseSearchText(f.name, f.uscc, f.orgCode, f.address) };
}

export function insertEnterprise(db: Db, row: NewEnterpriseRecord): void {
  db.insert(enterprises).values(row).run();
}

/** Writes `patch` if the row is still at `version`; false when someone else got there first. */
export function updateEnterpriseAtVersion(db: Db, id: string, version: number, at: string, patch: Partial<NewEnterpriseRecord>): boolean {
  const res = db
    .update(enterprises)
    .set({ ...patch, version: version + 1, updatedAt: at })
    .where(and(eq(enterprises.id, id), eq(enterprises.version, version)))
    .run();
  return res.changes === 1;
}

/** Bumps version and time after a change under the enterprise (ledger, evidence, follow-up). */
export function touchEnterprise(db: Db, id: string, at: string, patch: Partial<NewEnterpriseRecord> = {}): void {
  db.update(enterprises)
    .set({ ...patch, version: sql`${enterprises.version} + 1`, updatedAt: at })
    .where(eq(enterprises.id, id))
    .run();
}

const prepareWriter = (db: Db) => ({
  enterprise: db
    .insert(enterprises)
    .values({
      id: sql.placeholder('id'),
      uscc: sql.placeholder('uscc'),
      orgCode: sql.placeholder('orgCode'),
      name: sql.placeholder('name'),
      address: sql.placeholder('address'),
      divisionCode: sql.placeholder('divisionCode'),
      industryCode: sql.placeholder('industryCode'),
      registrationCategory: sql.placeholder('registrationCategory'),
      institutionType: sql.placeholder('institutionType'),
      scale: sql.placeholder('scale'),
      isOnlineReporter: sql.placeholder('isOnlineReporter'),
      liaison: sql.placeholder('liaison'),
      legalRepresentative: sql.placeholder('legalRepresentative'),
      phone: sql.placeholder('phone'),
      unitKind: sql.placeholder('unitKind'),
      parentUscc: sql.placeholder('parentUscc'),
      qualificationKind: sql.placeholder('qualificationKind'),
      isLocallyRegistered: sql.placeholder('isLocallyRegistered'),
      hasDevelopmentActivity: sql.placeholder('hasDevelopmentActivity'),
      foundedOn: sql.placeholder('foundedOn'),
      isNewBuild: sql.placeholder('isNewBuild'),
      projectInvestment: sql.placeholder('projectInvestment'),
      isProjectUnderConstruction: sql.placeholder('isProjectUnderConstruction'),
      status: sql.placeholder('status'),
      statusNote: sql.placeholder('statusNote'),
      searchText: sql.placeholder('searchText'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .prepare(),
  change: db
    .insert(enterpriseChanges)
    .values({
      enterpriseId: sql.placeholder('enterpriseId'),
      at: sql.placeholder('at'),
      userName: sql.placeholder('userName'),
      deviceName: sql.placeholder('deviceName'),
      action: sql.placeholder('action'),
      changes: sql.placeholder('changes'),
      reason: sql.placeholder('reason'),
    })
    .prepare(),
});

/**
 * insertEnterprise and insertEnterpriseChange for many rows in one transaction (an import of
 * 20,000 enterprises): each statement is built and prepared once rather than once per row.
 */
export function enterpriseWriter(db: Db) {
  const st = prepareWriter(db);
  return {
    insert(row: EnterpriseFields & { id: string; searchText: string; createdAt: string; updatedAt: string }): void {
      st.enterprise.run(row);
    },
    change(c: NewEnterpriseChange): void {
      if (c.changes.length === 0 && c.reason === null) return;
      st.change.run({ ...c, changes: JSON.stringify(c.changes) });
    },
  };
}

export function insertEnterpriseChange(db: Db, c: NewEnterpriseChange): void {
  if (c.changes.length === 0 && c.reason === null) return;
  db.insert(enterpriseChanges)
    .values({ ...c, changes: JSON.stringify(c.changes) })
    .run();
}
