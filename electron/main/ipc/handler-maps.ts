import type { Channel } from '@shared/ipc/contract';
import type { HandlerTable } from './dispatch';

// Each capability answers its own channels with a map (channel → service call); core merges
// the maps. The types prove the merge total and unambiguous: a contract channel no map
// answers, or one answered by two maps, is a type error naming it (and a start-up error, for
// anything the types could not see).

/** A capability's part of the handler table. */
export type HandlerMap<C extends Channel = Channel> = Pick<HandlerTable, C>;

type KeysOf<T extends readonly object[]> = T[number] extends infer U ? (U extends object ? keyof U : never) : never;
type Overlap<T extends readonly object[]> = T extends readonly [infer H extends object, ...infer R extends readonly object[]]
  ? (keyof H & KeysOf<R>) | Overlap<R>
  : never;
type Checked<T extends readonly object[]> = T &
  ([Overlap<T>] extends [never] ? unknown : { answeredTwice: Overlap<T> }) &
  ([Exclude<Channel, KeysOf<T>>] extends [never] ? unknown : { unanswered: Exclude<Channel, KeysOf<T>> });

export function mergeHandlerMaps<const T extends readonly Partial<HandlerTable>[]>(maps: Checked<T>): HandlerTable {
  const merged: Partial<Record<string, unknown>> = {};
  for (const map of maps as readonly Partial<HandlerTable>[]) {
    for (const [channel, handler] of Object.entries(map)) {
      if (Object.hasOwn(merged, channel)) throw new Error(`channel ${channel} is answered by two handler maps`);
      merged[channel] = handler;
    }
  }
  return merged as HandlerTable;
}
