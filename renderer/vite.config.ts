import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built once into out/renderer and loaded by Electron from file:// and by the web harness
// from loopback HTTP, so every asset path is relative (base './') and there is no dev-only
// behaviour the packaged app would not have.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  // The renderer's one alias (tsconfig.web.json): pure shared code.
  resolve: { alias: { '@shared/': `${import.meta.dirname}/../shared/` } },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Electron 41 ships a current Chromium; no legacy syntax lowering needed.
    target: 'chrome130',
    sourcemap: true,
  },
});
