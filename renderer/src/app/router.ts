import { useSyncExternalStore } from 'react';
import type { Permission } from '@shared/session/roles';

// A handful of top-level pages do not justify a router dependency. The hash keeps navigation inside
// the loaded document, which works the same from file:// (Electron) and from the harness.
export const routes = ['registration', 'directory', 'verification', 'review', 'progress', 'summary', 'analysis', 'reconcile', 'interference', 'sync', 'settings'] as const;
export type Route = (typeof routes)[number];

export const defaultRoute: Route = 'registration';

const isRoute = (value: string): value is Route => (routes as readonly string[]).includes(value);

/** '#/settings' → 'settings'; anything unknown → the default page. */
export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRoute(name) ? name : defaultRoute;
}

export const hrefFor = (route: Route): string => `#/${route}`;

/** Pages only some roles see in the navigation (the page itself and main check again). */
export const routePermission: Partial<Record<Route, Permission>> = { interference: 'interference.keep', summary: 'reports.export', analysis: 'reports.export', reconcile: 'reconcile.manage' };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash));
}

/** '#/registration/unit/abc' → ['unit', 'abc']: what a page shows below its top-level route. */
export function parseSubPath(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path
    .split('/')
    .slice(1)
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
}

const currentSubPath = (): string => parseSubPath(window.location.hash).join('/');

/** The current sub-path, joined with '/' (a string, so React sees a stable snapshot). */
export function useSubPath(): string {
  return useSyncExternalStore(subscribe, currentSubPath);
}

export const subHref = (route: Route, ...segments: string[]): string =>
  `#/${route}${segments.map((s) => `/${encodeURIComponent(s)}`).join('')}`;
