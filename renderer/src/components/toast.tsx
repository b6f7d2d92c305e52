import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';

// Short confirmations after an action whose result is not otherwise in view (submitted, sent
// back, accepted): a toast in the corner that reads itself to screen readers (a polite live
// region, never taking focus), goes away by itself after a few seconds and can be closed.
// Errors are not toasts: they stay where they happened until dealt with (ErrorNotice).

const SHOW_MS = 5_000;
const MAX_SHOWN = 3;

interface Toast {
  id: number;
  text: string;
}

interface ToastState {
  toasts: Toast[];
  show(text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  show(text) {
    const toast = { id: nextId++, text };
    set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_SHOWN) }));
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

/** Shows a confirmation toast (text already in the UI's language). */
export const showToast = (text: string): void => useToasts.getState().show(text);

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    const timer = window.setTimeout(() => dismiss(toast.id), SHOW_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id, dismiss]);
  return (
    <li className="toast" data-testid="toast">
      <span className="toast__text">{toast.text}</span>
      <button type="button" className="toast__close" aria-label={t('app.dismiss')} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </li>
  );
}

/** The one place toasts appear; mounted once by the app shell. The list is always in the DOM so
 * screen readers announce what is added to it. */
export function Toaster() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  return (
    <ul className="toaster" role="status" aria-live="polite" aria-label={t('app.notifications')} data-testid="toaster">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </ul>
  );
}
