import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { World, type Client } from './world';

// The three people of a review across laptops and a server: an enumerator of one 普查小区, the
// supervisor of its 普查区 and the bureau, each laptop with the county's division codes (640502).

export interface ReviewTeam {
  world: World;
  enumerator: Client;
  supervisor: Client;
  bureau: Client;
}

export async function reviewTeam(sub: string): Promise<ReviewTeam> {
  const world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', [sub]);
  await world.user('super01', 'supervisor', [sub.slice(0, 12)]);
  await world.user('bureau', 'admin', []);
  const enumerator = await world.client('王小明', 'enum01');
  const supervisor = await world.client('李指导', 'super01');
  const bureau = await world.client('区统计局', 'bureau');
  for (const c of [enumerator, supervisor, bureau]) loadRegionFromData(c.core.db, defaultDivisionDataDir(), '640502');
  return { world, enumerator, supervisor, bureau };
}
