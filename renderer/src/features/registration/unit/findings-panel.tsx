import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadedPack } from '@shared/packs/load';
import { refsOf } from '@shared/forms/refs';
import type { Finding } from '@shared/rules';
import { explanationKey, severities } from '@shared/rules';
import type { Language } from '@shared/session/settings';
import { useLanguage } from '../../../app/store';
import { formName } from '../../../lib/item-path';
import { useFormPack } from '../../forms/pack-context';

interface Props {
  /** The form on screen: its findings are listed first. */
  formId: string;
  findings: readonly Finding[];
  explanations: Readonly<Record<string, string>>;
  isReady: boolean;
  onGoTo(finding: Finding): void;
  /** What to offer beside a finding (the unit page: 标为非普查对象); nothing by default. */
  actionFor?(finding: Finding): ReactNode;
}

/** "611表 · 零售业态" — where a finding is, in words. */
export function findingPlace(pack: LoadedPack, f: Finding, language: Language): string {
  const spec = pack.form(f.formId);
  if (!spec) return f.item;
  const ref = refsOf(spec).get(f.item);
  const section = spec.sections.find((s) => s.id === f.item);
  const label = ref
    ? language === 'en'
      ? ref.item.labelEn
      : ref.item.labelZh
    : section
      ? language === 'en'
        ? section.titleEn
        : section.titleZh
      : f.item;
  const row = /\.(\d+)\./.exec(f.path);
  const rowNo = row ? ` #${Number(row[1]) + 1}` : '';
  const form = formName(spec, language);
  return `${form} · ${label}${rowNo}`;
}

const order = (f: Finding) => severities.indexOf(f.severity);

/**
 * Every finding of the unit, those of the form on screen first, then 强制性 before 核实性: the item, the rule's message, and whether a 核实性
 * one has been explained. Each entry is a button that takes the user to the item.
 */
export function FindingsPanel({ formId, findings, explanations, isReady, onGoTo, actionFor }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useFormPack();
  const here = (f: Finding) => (f.formId === formId ? 0 : 1);
  const sorted = [...findings].sort((a, b) => here(a) - here(b) || order(a) - order(b));
  const counts = { mandatory: 0, verify: 0, hint: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return (
    <aside className="findings" aria-labelledby="findings-title" data-testid="findings-panel">
      <h2 className="findings__title" id="findings-title">
        {t('registration.findings.title')}
      </h2>
      <p className="findings__counts" data-testid="findings-counts">
        {severities.map((s) => (
          <span key={s} className={`count-chip count-chip--${s}`} data-testid={`findings-count-${s}`}>
            {t(`registration.severity.${s}`)} {counts[s]}
          </span>
        ))}
      </p>
      {!isReady ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : sorted.length === 0 ? (
        <p className="findings__none" data-testid="findings-none">
          {t('registration.findings.none')}
        </p>
      ) : (
        <ul className="findings__list">
          {sorted.map((f) => {
            const isExplained = f.severity === 'verify' && (explanations[explanationKey(f)] ?? '').trim() !== '';
            return (
              <li key={`${f.formId}:${explanationKey(f)}`}>
                <button
                  type="button"
                  className={`finding finding--${f.severity}`}
                  data-testid={`finding-${f.ruleId}`}
                  data-path={f.path}
                  data-form={f.formId}
                  data-rule={f.ruleId}
                  // The rule id is for whoever maintains the rules: a tooltip, not the message.
                  title={t('registration.findings.rule', { rule: f.ruleId })}
                  onClick={() => onGoTo(f)}
                >
                  <span className="finding__head">
                    <span className={`severity severity--${f.severity}`}>{t(`registration.severity.${f.severity}`)}</span>
                    <span className="finding__place">{findingPlace(pack, f, language)}</span>
                    {isExplained ? <span className="finding__explained">{t('registration.findings.explained')}</span> : null}
                  </span>
                  <span className="finding__message">{language === 'en' ? f.messageEn : f.messageZh}</span>
                </button>
                {actionFor?.(f) ?? null}
              </li>
            );
          })}
        </ul>
      )}
      <p className="findings__keys muted">{t('registration.findings.keys')}</p>
    </aside>
  );
}
