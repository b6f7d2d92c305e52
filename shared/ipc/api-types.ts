import type { Result } from '../result';
import type { Channel, Input, Output } from './contract';

// Types and one transport-agnostic builder, with no runtime import of the contract: the
// sandboxed preload uses this file, and importing contract.ts would bundle all of zod into it.

/** Type-level twin of methodName(): 'settings:update' → 'settingsUpdate', 'a-b:c' → 'aBC'. */
export type MethodName<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${MethodName<Head>}${Capitalize<MethodName<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<MethodName<Tail>>}`
    : S;

/** Channels whose input is z.void() take no argument. */
export type CensusMethod<C extends Channel> = [Input<C>] extends [void]
  ? () => Promise<Result<Output<C>>>
  : (input: Input<C>) => Promise<Result<Output<C>>>;

/**
 * `window.census` in the desktop app: one async function per contract channel, named
 * methodName(channel), resolving to the channel's Result (never rejecting for domain errors).
 * renderer/src/lib/api.ts is its only caller.
 */
export type CensusApi = { readonly [C in Channel as MethodName<C>]: CensusMethod<C> };

/** channel → methodName(channel) for every channel: `Object.fromEntries(channels.map(…))`. */
export type MethodTable = { readonly [C in Channel]: MethodName<C> };

/** How one call reaches main: ipcRenderer.invoke in the preload, HTTP in the web harness. */
export type Invoke = (channel: Channel, input: unknown) => Promise<unknown>;

/**
 * Builds the per-channel API over a transport. Each function is bound to its own channel, so
 * the object handed to the page carries no way to name an arbitrary channel.
 */
export function buildCensusApi(invoke: Invoke, methods: MethodTable): CensusApi {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const [channel, name] of Object.entries(methods) as [Channel, string][]) {
    api[name] = (input?: unknown) => invoke(channel, input);
  }
  // A mapped type cannot be built key by key; test/ipc/register.test.ts checks every channel.
  return Object.freeze(api) as unknown as CensusApi;
}
