import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '@shared/result';
import { ErrorNotice } from '../components/error-notice';
import { Toaster } from '../components/toast';
import { DirectoryPage } from '../features/directory/directory-page';
import { InterferencePage } from '../features/interference/interference-page';
import { RegistrationPage } from '../features/registration/registration-page';
import { ReviewPage } from '../features/review/review-page';
import { SettingsPage } from '../features/settings/settings-page';
import { SummaryPage } from '../features/summary/summary-page';
import { ReconcilePage } from '../features/reconcile/reconcile-page';
import { SyncPage } from '../features/sync/sync-page';
import { VerificationPage } from '../features/verification/verification-page';
import { AppHeader } from './app-header';
import { applyLanguage } from './i18n';
import { useRoute, type Route } from './router';
import { SideNav } from './side-nav';
import { useAppStore, useLanguage } from './store';
import { reportConnectivity } from '../features/sync/store';
import { PackUpdateNotice } from '../features/forms/pack-update-notice';

// echarts is large: the progress page (its only user outside the directory statistics) loads
// with its own chunk, same origin, allowed by script-src 'self'.
const ProgressPage = lazy(() => import('../features/progress/progress-page').then((m) => ({ default: m.ProgressPage })));
const AnalysisPage = lazy(() => import('../features/analysis/analysis-page').then((m) => ({ default: m.AnalysisPage })));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

function CurrentPage({ route }: { route: Route }) {
  switch (route) {
    case 'registration':
      return <RegistrationPage />;
    case 'directory':
      return <DirectoryPage />;
    case 'verification':
      return <VerificationPage />;
    case 'review':
      return <ReviewPage />;
    case 'progress':
      return (
        <Suspense fallback={<Loading />}>
          <ProgressPage />
        </Suspense>
      );
    case 'summary':
      return <SummaryPage />;
    case 'reconcile':
      return <ReconcilePage />;
    case 'analysis':
      return (
        <Suspense fallback={<Loading />}>
          <AnalysisPage />
        </Suspense>
      );
    case 'interference':
      return <InterferencePage />;
    case 'sync':
      return <SyncPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return assertNever(route, 'route');
  }
}

export function App() {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.load);
  const notice = useAppStore((s) => s.notice);
  const dismissNotice = useAppStore((s) => s.dismissNotice);
  const language = useLanguage();
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const shownRoute = useRef(route);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    void applyLanguage(language);
  }, [language]);

  // The sync scheduler in main syncs as soon as the network is back.
  useEffect(() => reportConnectivity(), []);

  useEffect(() => {
    document.title = `${t(`nav.${route}`)} · ${t('app.name')}`;
  }, [route, t]);

  // After a navigation, keyboard and screen-reader users land on the new page, not on the
  // link they left. The first render keeps the browser's default focus.
  useEffect(() => {
    if (shownRoute.current === route) return;
    shownRoute.current = route;
    mainRef.current?.focus();
  }, [route]);

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash is the router's; move focus without touching it.
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <div className="app__body">
        <SideNav current={route} />
        <main id="main" className="app__main" ref={mainRef} tabIndex={-1}>
          {notice ? <ErrorNotice error={notice} onDismiss={dismissNotice} /> : null}
          <PackUpdateNotice />
          <CurrentPage route={route} />
        </main>
      </div>
      <Toaster />
    </div>
  );
}
