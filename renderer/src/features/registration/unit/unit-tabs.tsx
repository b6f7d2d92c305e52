import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { explanationKey, type Finding } from '@shared/rules';
import { useLanguage } from '../../../app/store';
import { formTitle } from '../../../lib/item-path';
import { useFormPack } from '../../forms/pack-context';

export const HISTORY_TAB = 'history';

interface Props {
  tabs: readonly string[];
  active: string;
  findings: readonly Finding[];
  explanations: Readonly<Record<string, string>>;
  onSelect(tab: string): void;
}

/** One tab per form the unit fills, then its history. Arrow keys move between tabs (WAI-ARIA
 * tabs pattern); each form tab shows how many findings still need attention. */
export function UnitTabs({ tabs, active, findings, explanations, onSelect }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useFormPack();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(active);
    let next: string | undefined;
    if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
    else if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (e.key === 'Home') next = tabs[0];
    else if (e.key === 'End') next = tabs.at(-1);
    if (!next) return;
    e.preventDefault();
    onSelect(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('registration.unit.forms')} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const spec = pack.form(tab);
        // What still blocks a submit: 强制性 findings and 核实性 ones not yet explained.
        const open = findings.filter(
          (f) =>
            f.formId === tab &&
            (f.severity === 'mandatory' || (f.severity === 'verify' && !(explanations[explanationKey(f)] ?? '').trim())),
        ).length;
        const label =
          tab === HISTORY_TAB
            ? t('registration.history.title')
            : spec
              ? formTitle(spec, language)
              : tab;
        return (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            className="tabs__tab"
            data-testid={`tab-${tab}`}
            aria-selected={tab === active}
            aria-controls={`panel-${tab}`}
            tabIndex={tab === active ? 0 : -1}
            onClick={() => onSelect(tab)}
          >
            {label}
            {open > 0 ? (
              <span className="tabs__count" aria-label={t('registration.unit.openFindings', { count: open })}>
                {open}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
