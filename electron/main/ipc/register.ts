import { channels } from '@shared/ipc/contract';
import { err, type Result } from '@shared/result';
import { isTrustedSenderUrl } from '../shell/security';
import { dispatch, type CallContext, type DispatchOptions, type HandlerTable } from './dispatch';

// Transport only: who may call, then dispatch(). Written against the few members of Electron's
// ipcMain it uses, so tests register with a fake and no Electron.

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** What registerIpc needs of Electron's ipcMain (which satisfies it as is). */
export interface IpcMainLike<E extends InvokeEventLike = InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

export interface RegisterOptions<E extends InvokeEventLike> {
  /**
   * Is this frame the top frame of one of our own windows? Main answers from its window list;
   * the URL check alone would trust any frame that manages to show app://census.
   */
  isOwnTopFrame(frame: NonNullable<E['senderFrame']>): boolean;
  logError?: DispatchOptions['logError'];
  /** Where refused calls are reported; defaults to console.warn. */
  logForbidden?: (channel: string, senderUrl: string | null) => void;
}

const electronContext: CallContext = { shell: 'electron' };

/** Why a sender is refused, or null when it may call. */
export function senderRefusal<E extends InvokeEventLike>(
  event: E,
  isOwnTopFrame: RegisterOptions<E>['isOwnTopFrame'],
): string | null {
  const frame = event.senderFrame;
  // null: the frame navigated away or was destroyed while the call was in flight.
  if (!frame) return 'sender frame is gone';
  if (!isTrustedSenderUrl(frame.url)) return `sender frame shows ${frame.url || '(no URL)'}`;
  if (frame.parent !== null) return 'sender is a subframe';
  if (!isOwnTopFrame(frame)) return 'sender is not one of our windows';
  return null;
}

/**
 * Registers every contract channel through one handler: refuse foreign senders with
 * FORBIDDEN_SENDER (the handler is never called), otherwise dispatch(), which parses the input
 * with the channel's schema and always resolves to a Result. Only the first argument after the
 * event is the input; the preload never sends more.
 */
export function registerIpc<E extends InvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  handlers: HandlerTable,
  options: RegisterOptions<E>,
): void {
  const logForbidden =
    options.logForbidden ??
    ((channel: string, senderUrl: string | null) =>
      console.warn(`[ipc] refused ${channel} from ${senderUrl ?? '(no frame)'}`));
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input): Promise<Result<unknown>> => {
      let refusal: string | null;
      let senderUrl: string | null = null;
      try {
        senderUrl = event.senderFrame?.url ?? null;
        refusal = senderRefusal(event, options.isOwnTopFrame);
      } catch (e) {
        // Electron throws when a frame that has been disposed (navigated away, closed) is read.
        refusal = `sender frame is unreadable (${e instanceof Error ? e.message : String(e)})`;
      }
      if (refusal) {
        logForbidden(channel, senderUrl);
        return err('FORBIDDEN_SENDER', `Refused ${channel}: ${refusal}`);
      }
      return dispatch(handlers, channel, input, electronContext, { logError: options.logError });
    });
  }
}
