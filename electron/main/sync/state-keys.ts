// Every key sync keeps in the store's state table (db/schema sync_state, queries/state.ts), in
// one table: a key is named once, and two files can never disagree about its spelling.

export const stateKeys = {
  deviceId: 'deviceId',
  seq: 'seq',
  headHash: 'headHash',
  hlc: 'hlc',
  userId: 'userId',
  appVersion: 'appVersion',
  schemaVersion: 'schemaVersion',
  refreshToken: 'refreshToken',
  serverUrl: 'serverUrl',
  cursor: 'cursor',
  scope: 'scope',
  dropsLeft: 'dropsLeft',
  /** false once no op waits unsealed (absent: not known, look). */
  hasUnsealed: 'hasUnsealed',
  ackedSeq: 'ackedSeq',
  lastSyncAt: 'lastSyncAt',
  lastError: 'lastError',
  clockSkewMs: 'clockSkewMs',
  intervalMinutes: 'intervalMinutes',
  // The account as the server describes it (team.ts noteUser) and the session's fate.
  userRole: 'userRole',
  roleConfirmedAt: 'roleConfirmedAt',
  /** The account's user name (login name) as the server spells it. */
  userLogin: 'userLogin',
  /** Set when the server refused a refresh (the session ended there): { code, detail, at }. */
  sessionLost: 'sessionLost',
  team: 'team',
  /** The account's display name as the server gives it. */
  userName: 'userName',
  /** Device ids this store signed with before moving to a chain branch (branch.ts). */
  formerDeviceIds: 'formerDeviceIds',
  /** A parted op chain and the branch asked for it (fork.ts). */
  fork: 'fork',
  /** The asOf of the county check this laptop holds (registration/county-cache.ts). */
  countyCheckAsOf: 'countyCheckAsOf',
  /** Where an unfinished first snapshot goes on: { asOf, page } (pull.ts). */
  snapshotResume: 'snapshotResume',
} as const;
