import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../features/review/session-role';
import { hrefFor, routePermission, routes, type Route } from './router';

export function SideNav({ current }: { current: Route }) {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session.value);
  const refresh = useSessionStore((s) => s.refresh);
  // A login on the sync page may have changed the role: read it again on every navigation.
  useEffect(() => {
    void refresh();
  }, [current, refresh]);
  const shown = routes.filter((route) => {
    const needs = routePermission[route];
    return needs === undefined || (session?.permissions.includes(needs) ?? false);
  });
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul className="side-nav__list">
        {shown.map((route) => (
          <li key={route}>
            <a
              className="side-nav__link"
              href={hrefFor(route)}
              data-testid={`nav-${route}`}
              aria-current={route === current ? 'page' : undefined}
            >
              {t(`nav.${route}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
