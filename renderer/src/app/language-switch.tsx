import { useTranslation } from 'react-i18next';
import { languages } from '@shared/session/settings';
import { useAppStore, useLanguage } from './store';

/** 中文 / English as two toggle buttons: one Tab stop each, Enter or Space switches. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLanguage();
  const setLanguage = useAppStore((s) => s.setLanguage);
  return (
    <div className="lang-switch" role="group" aria-label={t('header.language')} data-testid="lang-switch">
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="lang-switch__option"
          data-testid={`lang-${language}`}
          aria-pressed={language === current}
          onClick={() => {
            if (language !== current) void setLanguage(language);
          }}
        >
          {t(`languages.${language}`)}
        </button>
      ))}
    </div>
  );
}
