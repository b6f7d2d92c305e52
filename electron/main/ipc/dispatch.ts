import type { z } from 'zod';
import { contract, type Channel, type Output, type ParsedInput } from '../../../shared/ipc/contract';
import { AppError, err, ok, type Result } from '../../../shared/result';

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
    if (e instanceof AppError) return err(e.code, e.message, e.issues);
    (options.logError ?? defaultLog)(channel, e);
    return err('INTERNAL', e instanceof Error ? e.message : String(e));
  }
}

function defaultLog(channel: string, error: unknown): void {
  console.error(`[ipc] ${channel} failed:`, error);
}
