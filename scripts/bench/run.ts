// `npm run bench` prints a table for people; `npm run bench -- --json` prints exactly one JSON
// array on stdout (progress goes to stderr) for tools that compare runs. `--only <text>[,<text>…]`
// runs the benchmarks whose name contains one of them; `--strict` exits 1 when a median misses its target;
// `--scale` adds the city-size figures (100,000 units), which take minutes.
import { parseArgs } from 'node:util';
import { benchmarks } from './registry';
import { median, meetsTarget, percentile } from './lib/stats';
import type { BenchResult } from './types';

const round = (n: number): number => Math.round(n * 1000) / 1000;

function table(results: readonly BenchResult[]): string {
  const rows = [
    ['benchmark', 'median', 'p95', 'target', 'result'],
    ...results.map((r) => [
      r.name,
      `${r.median.toFixed(2)} ${r.unit}`,
      `${r.p95.toFixed(2)} ${r.unit}`,
      `${r.better === 'lower' ? '≤' : '≥'} ${r.target} ${r.unit}`,
      meetsTarget(r, r.median) ? 'pass' : 'FAIL',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      strict: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
    },
  });
  // In JSON mode stdout belongs to the one array: anything a library logs goes to stderr.
  if (values.json) {
    const toStderr = (...args: unknown[]) => console.error(...args);
    console.log = toStderr;
    console.info = toStderr;
    console.debug = toStderr;
  }
  const wanted = values.only?.split(',').filter((w) => w !== '') ?? [];
  const selected = benchmarks.filter((b) => (values.scale || !b.scale) && (wanted.length === 0 || wanted.some((w) => b.name.includes(w))));
  if (selected.length === 0) throw new Error(`No benchmark matches "${values.only ?? ''}"`);

  const results: BenchResult[] = [];
  for (const b of selected) {
    process.stderr.write(`running ${b.name}: ${b.description}…\n`);
    const samples = await b.run();
    results.push({
      name: b.name,
      unit: b.unit,
      median: round(median(samples)),
      p95: round(percentile(samples, 95)),
      target: b.target,
      better: b.better,
    });
  }

  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  else process.stdout.write(`${table(results)}\n`);
  const failed = results.filter((r) => !meetsTarget(r, r.median));
  if (failed.length > 0 && values.strict) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
