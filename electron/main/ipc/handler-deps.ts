import type { AppDatabase } from '@db/open';
import type { AppInfo } from '@shared/ipc/contract';
import type { SyncService } from '../sync/service';
import type { TaskBoard } from '../tasks/progress';

/** What the capabilities' handler maps are built from (core composes it once). */
export interface HandlerDeps {
  db: AppDatabase;
  info: AppInfo;
  /** The clock for change stamps and the rules' "today"; tests pass a fixed one. */
  now: () => Date;
  sync: SyncService;
  /** data/divisions (shipped statistical division codes). */
  divisionDataDir: string;
  /** Where long work reports progress (tasks:progress). */
  tasks: TaskBoard;
}
