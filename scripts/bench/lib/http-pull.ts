import { type HttpLaptop, type LaptopSession, okBody } from './http-laptop';

// A laptop's reads over plain HTTP (http-laptop.ts): a fresh pull as the laptop makes it
// (electron/main/sync/pull.ts: the snapshot of each assigned area, first page 1,000 fields and
// each later one three times larger up to 5,000, then a pull from the snapshot's asOf), a pull
// page at a cursor, and a verify. Only the transfer is timed; nothing is written anywhere.

const FIRST_PAGE = 1_000;
const MAX_PAGE = 5_000;
const PULL_PAGE = 2_000;

export interface FreshPull {
  ms: number;
  /** Round trip of every snapshot and pull page (ms). */
  pageMs: number[];
  changes: number;
  cursor: number;
}

export interface PullAnswer {
  ms: number;
  changes: number;
  cursor: number;
  hasMore: boolean;
}

export async function pullPage(http: HttpLaptop, session: LaptopSession, cursor: number): Promise<PullAnswer> {
  const start = performance.now();
  const page = okBody('bench pull', await http.post('/sync/pull', JSON.stringify({ protocol: 1, cursor, limit: PULL_PAGE, scope: session.scope }), session.token));
  return { ms: performance.now() - start, changes: (page.changes as unknown[]).length, cursor: page.cursor as number, hasMore: page.hasMore === true };
}

export async function freshPull(http: HttpLaptop, session: LaptopSession): Promise<FreshPull> {
  const start = performance.now();
  const pageMs: number[] = [];
  let changes = 0;
  let asOf = Number.MAX_SAFE_INTEGER;
  for (const areaPrefix of session.scope) {
    let limit = FIRST_PAGE;
    let page: string | null = null;
    do {
      const t = performance.now();
      const body = okBody(
        'bench snapshot',
        await http.post('/sync/snapshot', JSON.stringify({ protocol: 1, areaPrefix, limit, ...(page ? { page } : {}) }), session.token),
      );
      pageMs.push(performance.now() - t);
      changes += (body.changes as unknown[]).length;
      asOf = Math.min(asOf, body.asOf as number);
      page = body.nextPage as string | null;
      limit = Math.min(limit * 3, MAX_PAGE);
    } while (page !== null);
  }
  let cursor = asOf === Number.MAX_SAFE_INTEGER ? 0 : asOf;
  for (;;) {
    const p = await pullPage(http, session, cursor);
    pageMs.push(p.ms);
    changes += p.changes;
    cursor = p.cursor;
    if (!p.hasMore) break;
  }
  return { ms: performance.now() - start, pageMs, changes, cursor };
}

/** The scope's checksum total (a verify without a total to compare). */
export async function verifyTotal(http: HttpLaptop, session: LaptopSession): Promise<{ ms: number; total: string }> {
  const start = performance.now();
  const body = okBody('bench verify', await http.post('/sync/verify', JSON.stringify({ protocol: 1 }), session.token));
  return { ms: performance.now() - start, total: body.total as string };
}

/** A no-op sync: a pull at the newest cursor and a verify with the laptop's total; both must agree. */
export async function noopSync(http: HttpLaptop, session: LaptopSession, cursor: number, total: string): Promise<number> {
  const start = performance.now();
  const page = await pullPage(http, session, cursor);
  const verify = okBody('bench no-op verify', await http.post('/sync/verify', JSON.stringify({ protocol: 1, total }), session.token));
  const ms = performance.now() - start;
  if (page.changes !== 0 || verify.isMatch !== true) throw new Error(`bench no-op sync of ${session.deviceId} was not a no-op`);
  return ms;
}
