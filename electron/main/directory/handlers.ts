import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createDirectoryImportService } from './import';
import { createDirectoryService } from './service';
import { directoryStats } from './stats';

type Channels = Extract<Channel, `enterprises:${string}` | `directory:${string}` | 'stats:directory'>;

export function directoryHandlers(deps: HandlerDeps): HandlerMap<Channels> {
  const { db, now, tasks } = deps;
  const directory = createDirectoryService(db, { now });
  const directoryImport = createDirectoryImportService(db, { now, tasks });
  return {
    'enterprises:list': (q) => directory.list(q),
    'enterprises:get': ({ id }) => directory.get(id),
    'enterprises:save': (input) => directory.save(input),
    'enterprises:history': ({ id }) => directory.history(id),
    'directory:importPreview': (file) => directoryImport.preview(file),
    'directory:import': (input) => directoryImport.import(input),
    'directory:export': (filter) => directoryImport.export(filter),
    'stats:directory': (q) => directoryStats(db, q),
  };
}
