// The child side of a bench child process (server-child.ts, laptop-child.ts): messages to the
// bench over the fork channel, and a failure reported as 'fatal' before the child exits, so the
// bench fails with the child's stack instead of waiting for an answer that never comes.

/** Sends `message` to the bench; resolves once it is handed over (or at once when the channel is gone). */
export const sendToBench = (message: unknown): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

export const messageOf = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/** Reports `e` as the child's fatal failure and exits. */
export async function fatal(e: unknown): Promise<never> {
  await sendToBench({ type: 'fatal', message: messageOf(e) });
  process.exit(1);
}

/** Uncaught errors and rejections end the child as fatal. */
export function failFatallyOnUncaught(): void {
  process.on('uncaughtException', (e) => void fatal(e));
  process.on('unhandledRejection', (e) => void fatal(e));
}
