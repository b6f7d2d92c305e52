import type { OpenedDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { updateSettings } from '@main/session/settings-queries';
import { writeState } from '@main/sync/queries/state';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import { createReviewService, type ReviewService } from '@main/review/service';
import { generateUnits } from '../../scripts/bench/registration-seed';
import type { FormsDoc } from '@shared/registration/registration';
import type { TeamMember } from '@shared/review/review';
import type { Role } from '@shared/sync/api';
import { openMemoryStore } from '../helpers/store';

// A store with the registration and review services on one clock, and a way to be signed in as
// any role without a server: the session is what the sync engine writes at login.

export interface ReviewWorld {
  store: OpenedDatabase;
  registration: RegistrationService;
  review: ReviewService;
  clock: { now: Date };
  signIn(role: Role, name: string): void;
  setTeam(users: TeamMember[], fetchedAt?: string): void;
  /** Registers (create + save complete answers) the n-th clean legal unit of the seed; submits unless told not to. */
  register(n: number, opts?: { submit?: boolean; forms?: (f: FormsDoc) => FormsDoc }): { id: string; areaCode: string; forms: FormsDoc; version: number };
}

export function reviewWorld(): ReviewWorld {
  const store = openMemoryStore();
  updateSettings(store.db, { userName: '本机用户', deviceName: '沙坡头-平板01', regionCode: '640502' });
  loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  const clock = { now: new Date('2024-03-15T02:00:00.000Z') };
  let ids = 0;
  const registration = createRegistrationService(store.db, { now: () => clock.now, newId: () => `unit-${String(++ids).padStart(4, '0')}` });
  const review = createReviewService(store.db, { now: () => clock.now });
  const legal = generateUnits(40, { seed: 11 }).filter((u) => u.kind === 'legal');
  return {
    store,
    registration,
    review,
    clock,
    signIn(role, name) {
      writeState(store.db, 'userRole', role);
      writeState(store.db, 'userId', `u-${role}`);
      writeState(store.db, 'userName', name);
    },
    setTeam(users, fetchedAt = clock.now.toISOString()) {
      writeState(store.db, 'team', { fetchedAt, users });
    },
    register(n, opts = {}) {
      const seed = legal[n];
      if (!seed) throw new Error(`no clean legal unit #${n}`);
      const created = registration.create({ areaCode: seed.areaCode, kind: 'legal', name: seed.name, uscc: seed.uscc });
      const forms = (opts.forms ?? ((f) => f))(structuredClone(seed.forms) as FormsDoc);
      const saved = registration.save({ id: created.id, version: created.version, forms, explanations: {} });
      if (opts.submit === false) return { id: created.id, areaCode: seed.areaCode, forms, version: saved.version };
      const submitted = registration.submit({ id: created.id, version: saved.version });
      return { id: created.id, areaCode: seed.areaCode, forms, version: submitted.version };
    },
  };
}
