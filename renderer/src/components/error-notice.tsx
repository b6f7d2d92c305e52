import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../app/store';

interface Props {
  error: AppErrorShape;
  /** Context shown before the message, e.g. "无法读取设置". */
  title?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** The reason main gave in the reader's language, when it gave a well-formed one. */
function reasonText(error: AppErrorShape, language: string): string | null {
  const reason: unknown = error.reason;
  if (typeof reason !== 'object' || reason === null || !('zh' in reason) || !('en' in reason)) return null;
  const text = language === 'en' ? reason.en : reason.zh;
  return typeof text === 'string' && text !== '' ? text : null;
}

/**
 * An error from main, shown by its code; when main said exactly what went wrong (a file it
 * cannot read, a column that is missing), that reason is shown instead of the code's general
 * message. The developer-facing message stays in a tooltip.
 */
export function ErrorNotice({ error, title, onRetry, onDismiss }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const reason = reasonText(error, language);
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice" data-code={error.code}>
      <p className="notice__text" title={error.message}>
        {title ? <strong className="notice__title">{title}</strong> : null}
        {reason ?? t(`errors.${error.code}`)}
      </p>
      <div className="notice__actions">
        {onRetry ? (
          <button type="button" className="button button--secondary" onClick={onRetry}>
            {t('app.retry')}
          </button>
        ) : null}
        {onDismiss ? (
          <button type="button" className="button button--secondary" onClick={onDismiss}>
            {t('app.dismiss')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
