import { AppError } from '@shared/result';
import type { HandlerTable } from '../ipc/dispatch';

export type StartupChannel = 'startup:status' | 'startup:restore' | 'startup:startEmpty';

const storeIsOpen = (): never => {
  throw new AppError('CONFLICT', '数据文件已正常打开，无需恢复 / The store is open: there is nothing to recover');
};

/**
 * The start-up channels once the store is open: the renderer asks first and goes on to the
 * app; recovery is refused, so nothing can move an open store aside. While the store cannot be
 * opened, startup.ts answers these channels instead.
 */
export const readyStartupHandlers = {
  'startup:status': () => ({ state: 'ready' }),
  'startup:restore': storeIsOpen,
  'startup:startEmpty': storeIsOpen,
} satisfies Pick<HandlerTable, StartupChannel>;
