// Renders build/icon.svg to build/icon.png (512×512, electron-builder makes the .ico and Linux
// sizes from it) with Debian's chromium: node build/render-icon.mjs
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const svg = readFileSync(new URL('./icon.svg', import.meta.url), 'utf8');
const profile = mkdtempSync(path.join(tmpdir(), 'census-icon-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 512, height: 512 },
});
const page = await ctx.newPage();
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: fileURLToPath(new URL('./icon.png', import.meta.url)), omitBackground: true, clip: { x: 0, y: 0, width: 512, height: 512 } });
await ctx.close();
rmSync(profile, { recursive: true, force: true });
console.log('wrote build/icon.png');
