import type { AppDatabase } from '@db/open';
import { getOverview } from './queries';
import type { Overview } from '@shared/ipc/contract';

export interface OverviewService {
  get(): Overview;
}

export function createOverviewService(db: AppDatabase): OverviewService {
  return { get: () => getOverview(db) };
}
