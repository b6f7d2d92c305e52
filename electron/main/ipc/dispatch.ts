import type { z } from 'zod';
import { contract, type Channel, type Output, type ParsedInput } from '@shared/ipc/contract';
import { AppError, err, ok, type Result } from '@shared/result';

/** Who is calling; later issues add the signed-in user and role. */
export interface CallContext {
  shell: 'electron' | 'web';
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: CallContext,
) => Output<C> | Promise<Output<C>>;

export type HandlerTable = { [C in Channel]: Handler<C> };

export interface DispatchOptions {
  /** Where unexpected errors go (main's log); defaults to console.error. */
  logError?: (channel: string, error: unknown) => void;
}

const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

/**
 * The one transport-independent path from a raw payload to a `Result`: look up the channel,
 * parse the input with its schema, call the handler, check the output. Electron's ipcMain and
 * the web harness both call this, so the browser exercises the real handlers.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: string,
  rawInput: unknown,
  ctx: CallContext,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) return err('UNKNOWN_CHANNEL', `No channel "${channel}"`);
  const spec = contract[channel];
  // Electron's structured clone can deliver Dates, Maps, typed arrays… that zod might accept
  // as an empty object; only JSON-shaped data crosses this boundary.
  if (!isJsonShaped(rawInput)) return err('INVALID_INPUT', `Input for ${channel} is not plain data`);
  const parsed = (spec.input as z.ZodType).safeParse(rawInput);
  if (!parsed.success) {
    return err(
      'INVALID_INPUT',
      `Invalid input for ${channel}`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  try {
    const handler = handlers[channel] as Handler<Channel>;
    const value = await handler(parsed.data as never, ctx);
    // Output is checked too: a handler that drifts from the contract is a bug we want loud.
    const out = (spec.output as z.ZodType).safeParse(value);
    if (!out.success) {
      (options.logError ?? defaultLog)(channel, out.error);
      return err('INTERNAL', `Handler for ${channel} returned data outside the contract`);
    }
    return ok(out.data);
  } catch (e) {
    if (e instanceof AppError) return err(e.code, e.message, e.issues, e.reason);
    (options.logError ?? defaultLog)(channel, e);
    // SQLite's own failures (disk full, I/O, corruption) are the store's, not a bug in our code.
    const code = e instanceof Error && e.name === 'SqliteError' ? 'STORE_ERROR' : 'INTERNAL';
    return err(code, e instanceof Error ? e.message : String(e));
  }
}

const MAX_DEPTH = 32;

/** undefined, null, booleans, finite numbers, strings, arrays and plain objects — nothing else. */
export function isJsonShaped(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === undefined || value === null) return true;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) return value.every((v) => isJsonShaped(v, depth + 1));
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      return Object.values(value).every((v) => isJsonShaped(v, depth + 1));
    }
    default:
      return false;
  }
}

function defaultLog(channel: string, error: unknown): void {
  console.error(`[ipc] ${channel} failed:`, error);
}
