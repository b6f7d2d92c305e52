import { contextBridge, ipcRenderer } from 'electron';
import { buildCensusApi, type MethodTable } from '@shared/ipc/api-types';

// Sandboxed preload: it can require only 'electron'. It exposes one function per contract
// channel and nothing else: no ipcRenderer, no generic invoke, no way for page script to name
// a channel main does not serve.

/**
 * channel → methodName(channel), computed by scripts/build.mjs from shared/ipc/contract.ts at
 * build time, so the preload stays a few KiB instead of carrying zod and every schema.
 */
declare const __CENSUS_METHODS__: MethodTable;

contextBridge.exposeInMainWorld(
  'census',
  buildCensusApi((channel, input) => ipcRenderer.invoke(channel, input), __CENSUS_METHODS__),
);
