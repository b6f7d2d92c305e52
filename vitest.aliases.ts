import { fileURLToPath } from 'node:url';

// The path aliases of tsconfig.json, for vitest and vite (which do not read tsconfig paths).
const at = (dir: string): string => fileURLToPath(new URL(`./${dir}/`, import.meta.url));

export const aliases = {
  '@shared/': at('shared'),
  '@main/': at('electron/main'),
  '@db/': at('db'),
  '@server/': at('server'),
};
