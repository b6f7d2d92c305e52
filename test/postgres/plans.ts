import pg from 'pg';

// What the PostgreSQL store sends, and how the database would run it: a hook on pg.Client's
// query (every pooled connection is a pg.Client) records the statements and parameters a store
// call issues, so a test explains exactly the SQL the code sends, never a copy of it; and the
// plan of each, as PostgreSQL chooses it with those parameter values (node-pg binds them to an
// unnamed statement, which is planned for its values each time, as EXPLAIN does here).

export interface Statement {
  text: string;
  values: unknown[];
}

type QueryFn = (...args: unknown[]) => unknown;

let recording: Statement[] | null = null;
let installed: QueryFn | null = null;

function textOf(arg: unknown): string | null {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { text?: unknown }).text === 'string') return (arg as { text: string }).text;
  return null;
}

/** Installs the hook (once per test file); `uninstallCapture` puts pg back. */
export function installCapture(): void {
  if (installed) return;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  installed = original;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const text = textOf(args[0]);
    if (recording && text !== null) {
      const values = Array.isArray(args[1]) ? (args[1] as unknown[]) : ((args[0] as { values?: unknown[] }).values ?? []);
      recording.push({ text, values });
    }
    return original.apply(this, args);
  };
}

export function uninstallCapture(): void {
  if (!installed) return;
  (pg.Client.prototype as unknown as { query: QueryFn }).query = installed;
  installed = null;
}

/** Runs `call` and returns what it returned with every statement sent meanwhile, in order. */
export async function capture<T>(call: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  if (!installed) throw new Error('installCapture() first');
  if (recording) throw new Error('one capture at a time');
  const statements: Statement[] = [];
  recording = statements;
  try {
    return { result: await call(), statements };
  } finally {
    recording = null;
  }
}

/** Statements EXPLAIN can take: one SELECT, INSERT, UPDATE or DELETE (not BEGIN, SET, or several). */
export const isExplainable = (s: Statement): boolean => /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(s.text) && !s.text.includes(';');

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Subplans Removed'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** Every node of a plan, depth first. */
export function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

export interface Explained {
  statement: Statement;
  plan: PlanNode;
  nodes: PlanNode[];
}

/**
 * The plan of `statement` with its own parameters. `analyze` runs it too (inside a transaction
 * that is rolled back), for the partitions a nested loop really visited (run-time pruning).
 */
export async function explain(client: pg.ClientBase, statement: Statement, analyze = false): Promise<Explained> {
  const options = analyze ? 'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON' : 'COSTS OFF, FORMAT JSON';
  if (analyze) await client.query('BEGIN');
  try {
    const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (${options}) ${statement.text}`, statement.values);
    const plan = result.rows[0]?.['QUERY PLAN'][0].Plan;
    if (!plan) throw new Error(`no plan for ${statement.text}`);
    return { statement, plan, nodes: nodesOf(plan) };
  } finally {
    if (analyze) await client.query('ROLLBACK');
  }
}

/** A plan as lines, for failure messages: node, relation, index and conditions. */
export function describePlan(node: PlanNode, depth = 0): string {
  const parts = [node['Node Type'], node['Relation Name'] && `on ${node['Relation Name']}`, node['Index Name'] && `using ${node['Index Name']}`];
  if (node['Index Cond']) parts.push(`[${node['Index Cond']}]`);
  if (node.Filter) parts.push(`filter ${node.Filter}`);
  if (node['Subplans Removed']) parts.push(`(${node['Subplans Removed']} partitions pruned)`);
  if (node['Actual Loops'] !== undefined) parts.push(`loops=${node['Actual Loops']}`);
  const line = `${'  '.repeat(depth)}${parts.filter(Boolean).join(' ')}`;
  return [line, ...(node.Plans ?? []).map((p) => describePlan(p, depth + 1))].join('\n');
}

/** The op log, its partitions, field_state and entities: tables a hot path must never read whole. */
export const BIG_TABLE = /^(ops|ops_p\d+|ops_default|field_state|entities)$/;

/** Nodes that read a big table whole. */
export const seqScansOfBigTables = (e: Explained): PlanNode[] => e.nodes.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLE.test(n['Relation Name'] ?? ''));

/** The op log partitions a plan reads (pruned at plan time are absent; with analyze, never-run ones have loops=0). */
export function opsPartitionsRead(e: Explained): string[] {
  const read = e.nodes.filter((n) => /^ops_(p\d+|default)$/.test(n['Relation Name'] ?? '') && (n['Actual Loops'] === undefined || n['Actual Loops'] > 0));
  return [...new Set(read.map((n) => n['Relation Name'] ?? ''))].sort();
}
