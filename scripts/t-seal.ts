import { readFileSync, writeFileSync } from 'node:fs';
import { sealPack } from '@shared/node/pack-hash';
import { checkPack } from '@shared/packs/check';
const p = process.argv[2] as string;
const json = JSON.parse(readFileSync(p, 'utf8'));
const problems = checkPack(json);
if (problems.length) { console.log(problems); process.exit(1); }
writeFileSync(p, JSON.stringify(sealPack(json), null, 1) + '\n');
console.log('sealed');
