import { formPacks } from '@db/schema';
import type { Channel } from '@shared/ipc/contract';
import { builtinPack } from '@shared/packs/builtin';
import type { PackList, PackSummary } from '@shared/packs/wire';
import { AppError } from '@shared/result';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { dismissNotice, latestNotice } from './notices';
import { packsOf } from './packs';
import { createPackPublisher } from './publish';

type Channels = Extract<Channel, `forms:${string}`>;

export function formsHandlers(deps: HandlerDeps): HandlerMap<Channels> {
  const { db, now } = deps;
  const publisher = createPackPublisher({ db, client: () => deps.sync.engine.signedClient() });
  return {
    'forms:notice': () => latestNotice(db),
    'forms:dismissNotice': ({ id }) => {
      dismissNotice(db, id, now().toISOString());
      return latestNotice(db);
    },
    'forms:preview': (file) => publisher.preview(file),
    'forms:publish': ({ hash }) => publisher.publish(hash),
    'forms:packs': (): PackList => {
      const registry = packsOf(db);
      const builtin = builtinPack();
      const stored = db.select({ ref: formPacks.ref, activatedAt: formPacks.activatedAt }).from(formPacks).all();
      const activated = new Map(stored.map((r) => [r.ref, r.activatedAt]));
      const packs: PackSummary[] = registry.refs().flatMap((ref) => {
        const pack = registry.get(ref);
        if (!pack) return [];
        const b = pack.body;
        return [
          {
            ref,
            id: b.id,
            version: b.version,
            date: b.date,
            titleZh: b.titleZh,
            titleEn: b.titleEn,
            ...(b.notesZh ? { notesZh: b.notesZh } : {}),
            ...(b.notesEn ? { notesEn: b.notesEn } : {}),
            isBuiltin: ref === builtin.ref && !activated.has(ref),
            activatedAt: activated.get(ref) ?? null,
          },
        ];
      });
      return { current: registry.current.ref, builtin: builtin.ref, packs };
    },
    'forms:pack': ({ ref }) => {
      const pack = packsOf(db).get(ref);
      if (!pack) throw new AppError('NOT_FOUND', `本机没有表式包 ${ref} / No form pack ${ref} on this laptop`);
      return pack.body;
    },
  };
}
