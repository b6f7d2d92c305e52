import type { AppDatabase, SqliteDatabase } from '@db/open';
import { createEnterpriseAdapter } from './directory/sync-adapter';
import { createDrawAdapter } from './inspection/sync-adapter';
import { createInterferenceAdapter } from './interference/sync-adapter';
import { createCaseAdapter, createInspectorAdapter } from './enforcement/sync-adapter';
import { createUnitAdapter } from './registration/sync-adapter';
import { createTrainingAdapter } from './training/sync-adapter';
import { createTargetAdapter } from './analysis/sync-adapter';
import { EntityRegistry } from './sync/registry';
import { createVerificationAdapter } from './verification/sync-adapter';

// Every synced record kind this build knows, each made local by its capability's adapter
// (sync/registry.ts). A new kind is one line here and an adapter in its capability: nothing
// inside sync/ changes.

export function createEntityRegistry(db: AppDatabase, sqlite: SqliteDatabase): EntityRegistry {
  return new EntityRegistry()
    .register('unit', createUnitAdapter(db, sqlite))
    .register('enterprise', createEnterpriseAdapter(db))
    .register('draw', createDrawAdapter(db))
    .register('interference', createInterferenceAdapter(db))
    .register('verification', createVerificationAdapter(db))
    .register('inspector', createInspectorAdapter(db))
    .register('case', createCaseAdapter(db))
    .register('training', createTrainingAdapter(db))
    .register('analysisTarget', createTargetAdapter(db));
}
