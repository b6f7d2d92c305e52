import { useTranslation } from 'react-i18next';
import { explanationKey } from '@shared/rules';
import type { Finding } from '@shared/rules';
import { useLanguage } from '../../../app/store';

interface Props {
  id: string;
  findings: readonly Finding[];
  explanations: Readonly<Record<string, string>>;
  onExplain(key: string, text: string): void;
  isReadOnly: boolean;
}

/** The findings under one item: severity, the rule's message, and for a 核实性 one the box
 * where the enumerator writes what was verified (required to submit). */
export function FindingNotes({ id, findings, explanations, onExplain, isReadOnly }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (findings.length === 0) return null;
  return (
    <ul className="item__findings" id={id}>
      {findings.map((f) => {
        const key = explanationKey(f);
        const boxId = `${id}-${f.ruleId}`;
        return (
          <li key={key} className={`note note--${f.severity}`} data-testid={`item-finding-${f.ruleId}`} data-path={f.path}>
            <span className="note__severity">{t(`registration.severity.${f.severity}`)}</span>
            <span className="note__text">{language === 'en' ? f.messageEn : f.messageZh}</span>
            {f.severity === 'verify' ? (
              <span className="note__explain">
                <label htmlFor={boxId} className="note__explain-label">
                  {t('registration.form.explainLabel')}
                </label>
                <input
                  id={boxId}
                  type="text"
                  className="field__input note__explain-input"
                  data-testid={`explain-${f.ruleId}`}
                  data-path={f.path}
                  data-explain-input=""
                  maxLength={500}
                  readOnly={isReadOnly}
                  placeholder={t('registration.form.explainPlaceholder')}
                  value={explanations[key] ?? ''}
                  onChange={(e) => onExplain(key, e.target.value)}
                />
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
