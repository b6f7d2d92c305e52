import { dispatch } from '@main/ipc/dispatch';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { Client } from './world';

// A laptop's IPC channels as the renderer calls them, for tests across laptops and a server.

export async function call<C extends Channel>(client: Client, channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  return (await dispatch(client.core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
}

/** The channel's answer; throws with the error code when it is refused. */
export async function ok<C extends Channel>(client: Client, channel: C, input: Input<C>): Promise<Output<C>> {
  const res = await call(client, channel, input);
  if (!res.ok) throw new Error(`${client.name} ${channel}: ${res.error.code} ${res.error.message}`);
  return res.value;
}

/** The error code of a refusal; throws when the channel answers. */
export async function refusal<C extends Channel>(client: Client, channel: C, input: Input<C>): Promise<string> {
  const res = await call(client, channel, input);
  if (res.ok) throw new Error(`${client.name} ${channel} should have been refused`);
  return res.error.code;
}
