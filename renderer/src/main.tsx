import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app';
import { StartupGate } from './features/startup/startup-gate';
import { i18n } from './app/i18n';
import './app/styles/base.css';
import './app/styles/layout.css';
import './app/styles/components.css';
import './app/styles/registration.css';
import './app/styles/registration-form.css';
import './app/styles/directory.css';
import './app/styles/directory-ledger.css';
import './app/styles/directory-work.css';
import './app/styles/verification.css';
import './app/styles/liaison.css';
import './app/styles/review.css';
import './app/styles/sync.css';
import './app/styles/progress.css';
import './app/styles/progress-print.css';
import './app/styles/registration-print.css';
import './app/styles/startup.css';
import './app/styles/forms.css';
import './app/styles/interference.css';
import './app/styles/enforcement.css';
import './app/styles/summary.css';
import './app/styles/reconcile.css';
import './app/styles/analysis.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StartupGate>
        <App />
      </StartupGate>
    </I18nextProvider>
  </StrictMode>,
);
