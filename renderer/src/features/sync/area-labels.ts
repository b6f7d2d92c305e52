import { useEffect, useState } from 'react';
import { call } from '../../lib/api';

// The account's areas by name and code ("滨河镇 640502100"), not bare codes. An area is named by
// the nearest division the data holds: a 普查小区 (15 digits) or a 普查区 (12) without its own
// entry by its village, else its township or county; a code with none of them shows bare.

async function nameOf(code: string): Promise<string> {
  for (const length of [12, 9, 6]) {
    if (code.length < length) continue;
    const key = code.slice(0, length);
    const r = await call('divisions:search', { query: key, limit: 1 });
    const hit = r.ok ? r.value[0] : undefined;
    if (hit && hit.code.slice(0, length) === key) return hit.name;
  }
  return '';
}

export function useAreaLabels(codes: readonly string[]): string[] {
  const joined = codes.join(',');
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let isCurrent = true;
    const list = joined === '' ? [] : joined.split(',');
    void Promise.all(list.map(async (c) => [c, await nameOf(c)] as const)).then((pairs) => {
      if (isCurrent) setNames(new Map(pairs));
    });
    return () => {
      isCurrent = false;
    };
  }, [joined]);
  return codes.map((c) => {
    const name = names.get(c) ?? '';
    return name === '' ? c : `${name} ${c}`;
  });
}
