import { format, startOfDay, subDays } from 'date-fns';
import type { AppDatabase } from '@db/open';
import { getDivision } from '../divisions/queries';
import { areaStatusCounts } from './queries';
import { eventsSince, firstSubmitsSince, refreshReviewIndex } from '../review/queries';
import { getSettings } from '../session/settings-queries';
import { readState } from '../sync/queries/state';
import type { ParsedInput } from '@shared/ipc/contract';
import type { ProgressArea, ProgressCounts, ProgressDay, ProgressEnumerator, ProgressReport } from '@shared/progress/progress';
import { stateKeys } from '../sync/state-keys';
import { assignedOwners, assignmentIndex, coveringEnumerators, unitOwnership, type AssignmentIndex } from './owners';
import { readTeam, requirePermission, type Team } from '../session/roles';

// Progress of the census, from what this laptop holds: the units as last synced plus
// local work, the review events for the trend, and the team (who is assigned where) as fetched
// at the last sync. Nothing here needs the network.

export const emptyCounts = (): ProgressCounts => ({
  frame: 0,
  added: 0,
  total: 0,
  visited: 0,
  notStarted: 0,
  draft: 0,
  completed: 0,
  submitted: 0,
  returned: 0,
  approved: 0,
  accepted: 0,
  notFound: 0,
  outOfScope: 0,
});

const statusKey: Record<string, keyof ProgressCounts> = {
  not_started: 'notStarted',
  draft: 'draft',
  completed: 'completed',
  submitted: 'submitted',
  returned: 'returned',
  approved: 'approved',
  accepted: 'accepted',
  not_found: 'notFound',
  out_of_scope: 'outOfScope',
};

function add(into: ProgressCounts, from: ProgressCounts): void {
  for (const k of Object.keys(into) as (keyof ProgressCounts)[]) into[k] += from[k];
}

/**
 * Enumerators assigned to the area or to a wider area holding it, and for a 普查区 also those
 * assigned to one of its sub-districts. 小区 rows are the many: they take the indexed lookup.
 */
function namesAt(team: Team, index: AssignmentIndex, code: string): string[] {
  const ids = new Set(coveringEnumerators(index, code));
  if (code.length < 15) {
    for (const u of team.users) if (u.role === 'enumerator' && u.areas.some((p) => p !== '' && p.startsWith(code))) ids.add(u.id);
  }
  return team.users.filter((u) => ids.has(u.id)).map((u) => u.name || u.username);
}

/** 15-digit 普查小区 the server assigned to someone under the prefix: listed even before any unit is there. */
function assignedSubDistricts(team: Team, prefix: string): string[] {
  return team.users.flatMap((u) => u.areas).filter((a) => a.length === 15 && a.startsWith(prefix));
}

function trend(db: AppDatabase, now: Date, days: number, prefix: string): ProgressDay[] {
  const first = startOfDay(subDays(now, days - 1));
  const byDay = new Map<string, ProgressDay>();
  for (let i = 0; i < days; i++) {
    const date = format(subDays(now, days - 1 - i), 'yyyy-MM-dd');
    byDay.set(date, { date, submitted: 0, returned: 0, approved: 0, accepted: 0, firstSubmitted: 0 });
  }
  const dayOf = (iso: string): ProgressDay | undefined => byDay.get(format(new Date(iso), 'yyyy-MM-dd'));
  const kindKey = { submit: 'submitted', return: 'returned', approve: 'approved', accept: 'accepted' } as const;
  for (const e of eventsSince(db, first.toISOString(), prefix)) {
    const key = kindKey[e.kind as keyof typeof kindKey];
    const day = dayOf(e.at);
    if (key && day) day[key] += 1;
  }
  for (const at of firstSubmitsSince(db, first.toISOString(), prefix)) {
    const day = dayOf(at);
    if (day) day.firstSubmitted += 1;
  }
  return [...byDay.values()];
}

function countInto(c: ProgressCounts, status: string, source: string, n: number): void {
  c.total += n;
  if (source === 'field') c.added += n;
  else c.frame += n;
  if (status !== 'not_started') c.visited += n;
  // A status from a newer build counts in the total and as visited, under no column of its own.
  const key = statusKey[status];
  if (key) c[key] += n;
}

export function progressReport(db: AppDatabase, q: ParsedInput<'progress:get'>, now: Date): ProgressReport {
  requirePermission(db, 'progress.view');
  refreshReviewIndex(db);
  const prefix = q.areaPrefix ?? '';
  const team = readTeam(db);
  const totals = emptyCounts();
  const subs = new Map<string, ProgressCounts>();
  for (const code of assignedSubDistricts(team, prefix)) subs.set(code, emptyCounts());
  // Each unit counts once for one person (progress-owners.ts); what nobody owns has its own line.
  const groups = areaStatusCounts(db, prefix);
  const index = assignmentIndex(team);
  const owners = unitOwnership(db, team, [...new Set(groups.map((g) => g.areaCode))]);
  const byOwner = new Map<string, ProgressCounts>();
  const unattributed = emptyCounts();
  const ownerCounts = (owner: string | null): ProgressCounts => {
    if (owner === null) return unattributed;
    const c = byOwner.get(owner) ?? emptyCounts();
    byOwner.set(owner, c);
    return c;
  };
  for (const g of groups) {
    const c = subs.get(g.areaCode) ?? emptyCounts();
    subs.set(g.areaCode, c);
    countInto(c, g.status, g.source, g.n);
    const owner = owners.byArea.get(g.areaCode);
    if (owner !== undefined) countInto(ownerCounts(owner), g.status, g.source, g.n);
  }
  for (const u of owners.byUnit.values()) countInto(ownerCounts(u.owner), u.status, u.source, 1);
  const districts = new Map<string, ProgressCounts>();
  for (const [code, c] of subs) {
    add(totals, c);
    const d = districts.get(code.slice(0, 12)) ?? emptyCounts();
    add(d, c);
    districts.set(code.slice(0, 12), d);
  }
  const names = new Map([...districts.keys()].map((code) => [code, getDivision(db, code)?.name ?? '']));
  const area = (code: string, counts: ProgressCounts): ProgressArea => ({
    code,
    name: names.get(code.slice(0, 12)) ?? '',
    counts,
    isZeroData: counts.visited === 0,
    enumeratorNames: namesAt(team, index, code),
  });
  const subDistricts = [...subs].sort(([a], [b]) => a.localeCompare(b)).map(([code, c]) => area(code, c));
  const enumerators: ProgressEnumerator[] = team.users
    .filter((u) => u.role === 'enumerator' && (byOwner.has(u.id) || u.areas.some((p) => p.startsWith(prefix) || prefix.startsWith(p))))
    .map((u) => ({
      userId: u.id,
      name: u.name || u.username,
      areas: u.areas,
      counts: byOwner.get(u.id) ?? emptyCounts(),
      // 零数据 小区 are counted for the people they belong to, like the units in them.
      zeroDataSubDistricts: subDistricts.filter((s) => s.isZeroData && assignedOwners(index, s.code).includes(u.id)).length,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const lastSyncAt = readState(db, stateKeys.lastSyncAt);
  return {
    asOf: now.toISOString(),
    lastSyncAt: typeof lastSyncAt === 'string' ? lastSyncAt : null,
    isServerConfigured: getSettings(db).serverUrl !== '',
    totals,
    districts: [...districts].sort(([a], [b]) => a.localeCompare(b)).map(([code, c]) => area(code, c)),
    subDistricts,
    enumerators,
    unattributed,
    teamFetchedAt: team.fetchedAt,
    trend: trend(db, now, q.days, prefix),
  };
}
