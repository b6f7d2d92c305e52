import { useSyncExternalStore } from 'react';

// Five top-level pages do not justify a router dependency. The hash keeps navigation inside
// the loaded document, which works the same from file:// (Electron) and from the harness.
export const routes = ['registration', 'directory', 'review', 'sync', 'settings'] as const;
export type Route = (typeof routes)[number];

export const defaultRoute: Route = 'registration';

const isRoute = (value: string): value is Route => (routes as readonly string[]).includes(value);

/** '#/settings' → 'settings'; anything unknown → the default page. */
export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRoute(name) ? name : defaultRoute;
}

export const hrefFor = (route: Route): string => `#/${route}`;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash));
}
