import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/result';

interface Props {
  error: AppErrorShape;
  /** Context shown before the message, e.g. "无法读取设置". */
  title?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** An error from main, shown by its code; the developer-facing message stays in a tooltip. */
export function ErrorNotice({ error, title, onRetry, onDismiss }: Props) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice" data-code={error.code}>
      <p className="notice__text" title={error.message}>
        {title ? <strong className="notice__title">{title}</strong> : null}
        {t(`errors.${error.code}`)}
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
