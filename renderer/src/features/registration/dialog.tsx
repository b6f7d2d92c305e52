import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  isWide?: boolean;
}

/**
 * A modal on the native <dialog>: the browser traps focus, Esc closes it, and focus returns to
 * where it was. Mounted = open.
 */
export function Dialog({ title, testId, onClose, children, isWide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog${isWide ? ' dialog--wide' : ''}`} data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h2 className="dialog__title" id={`${testId}-title`}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
