import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createTrainingService } from './service';

// Training sessions (培训).
type Channels = Extract<Channel, `training:${string}`>;

export function trainingHandlers(deps: HandlerDeps): HandlerMap<Channels> {
  const training = createTrainingService(deps.db, { now: deps.now });
  return {
    'training:list': ({ year }) => training.list(year),
    'training:save': (input) => training.save(input),
    'training:cancel': (input) => training.cancel(input),
  };
}
