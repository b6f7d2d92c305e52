import { analysisBenchmarks } from './analysis';
import { coreStart10k } from './core-start-10k';
import { countyCheckBenchmarks } from './county-check';
import { directoryBenchmarks } from './directory';
import { ipcRoundTrip } from './ipc-round-trip';
import { loginFloodBenchmarks } from './login-flood';
import { pgBenchmarks } from './pg';
import { pushCheckBenchmarks } from './push-check';
import { recordBenchmarks } from './record';
import { refreshBenchmarks } from './refresh';
import { registrationBenchmarks } from './registration';
import { reviewBenchmarks } from './review';
import { storeBackup10k } from './store-backup-10k';
import { storeMigrateFresh } from './store-migrate-fresh';
import { storeOpen10k } from './store-open-10k';
import { storeOpenEmpty } from './store-open-empty';
import { syncBenchmarks, syncScaleBenchmarks } from './sync';
import { syncManyBenchmarks } from './sync-many';
import type { Benchmark } from './types';

/** Every benchmark `npm run bench` runs, in order. Later issues append theirs here. */
export const benchmarks: readonly Benchmark[] = [
  storeOpenEmpty,
  storeMigrateFresh,
  storeOpen10k,
  storeBackup10k,
  coreStart10k,
  ipcRoundTrip,
  ...registrationBenchmarks,
  ...syncBenchmarks,
  ...syncScaleBenchmarks,
  ...syncManyBenchmarks,
  ...pushCheckBenchmarks,
  ...refreshBenchmarks,
  ...recordBenchmarks,
  ...loginFloodBenchmarks,
  ...directoryBenchmarks,
  ...reviewBenchmarks,
  ...countyCheckBenchmarks,
  ...analysisBenchmarks,
  ...pgBenchmarks,
];
