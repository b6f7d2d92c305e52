import { useEffect, useState } from 'react';
import { call } from '../../lib/api';

/** Names of division codes (普查区, 区划代码), from the store (looked up once each). */
export function useDivisionNames(codes: readonly string[]): (code: string) => string | undefined {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    if (key === '') return;
    let isCurrent = true;
    void Promise.all(
      key.split(',').map(async (code) => {
        const result = await call('divisions:search', { query: code, limit: 1 });
        const row = result.ok ? result.value.find((r) => r.code === code) : undefined;
        return [code, row?.name ?? ''] as const;
      }),
    ).then((pairs) => {
      if (isCurrent) setNames(Object.fromEntries(pairs.filter(([, name]) => name !== '')));
    });
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return (code) => names[code];
}
