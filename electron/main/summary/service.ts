import type { AppDatabase } from '@db/open';
import { followUpTransitions, verificationTasks } from '@db/schema';
import { can } from '@shared/session/roles';
import { yearSummary, type YearSummary } from '@shared/summary/year-summary';
import { taskOf } from '@shared/verification/task';
import { enforcementRecords } from '../enforcement/year-counts';
import { createInterferenceService } from '../interference/service';
import { liveEnterprises, visitDates } from '../liaison/queries';
import { requirePermission } from '../session/roles';
import { allTraining, toSession } from '../training/queries';
import { fieldsOfRow } from '../verification/queries';

// The year's summary from this laptop's records (the bureau's laptop holds the district's once
// synced): each capability's records read as that capability reads them, counted by the pure
// yearSummary. The interference register is read only for a session that keeps it; for any
// other role nothing of it is read, so neither the screen nor the workbook can carry it.

export function readYearSummary(db: AppDatabase, year: number): YearSummary {
  const session = requirePermission(db, 'reports.export');
  const tasks = db
    .select({ fields: verificationTasks.fields })
    .from(verificationTasks)
    .all()
    .flatMap((row) => {
      const task = taskOf(fieldsOfRow(row));
      return task ? [task] : [];
    });
  const followUpSteps = db.select({ enterpriseId: followUpTransitions.enterpriseId, toStage: followUpTransitions.toStage, date: followUpTransitions.date }).from(followUpTransitions).all();
  const enforcement = enforcementRecords(db);
  const interference = can(session.role, 'interference.keep') ? createInterferenceService(db).entriesOf(null) : null;
  return yearSummary({
    year,
    tasks,
    followUpSteps,
    enforcement: { ...enforcement, held: enforcement.inspected.length + enforcement.cases.length },
    training: allTraining(db).map(toSession),
    liaison: { enterprises: liveEnterprises(db).map((e) => ({ id: e.id, official: e.liaison })), visits: visitDates(db) },
    interference,
  });
}
