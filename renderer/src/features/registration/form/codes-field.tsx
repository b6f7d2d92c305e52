import { useTranslation } from 'react-i18next';
import { codesOf } from '@shared/forms/conditions';
import type { Item } from '@shared/forms';
import { useLanguage } from '../../../app/store';
import { useFormPack } from '../../forms/pack-context';

// A multi-choice item (type 'codes'): a checkbox per code of its list or options. The answer is
// stored as the codes joined by ',' in list order, so '1040' stays a valid single answer; once
// maxChoices are ticked the others are disabled (and a pasted or imported excess is a finding).

export interface CodesFieldProps {
  item: Item;
  id: string;
  testId: string;
  value: string;
  onCommit(value: string): void;
  onBlur(): void;
  isReadOnly: boolean;
  isInvalid: boolean;
  describedBy: string | undefined;
}

export function CodesField(props: CodesFieldProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useFormPack();
  const { item } = props;
  const entries = item.codeList ? (pack.codeList(item.codeList)?.entries ?? []) : (item.options ?? []);
  const chosen = codesOf(props.value);
  const known = new Set(entries.map((e) => e.code));
  // Codes not in the list (an old or imported answer) stay in the answer and are shown, never dropped.
  const strays = chosen.filter((c) => !known.has(c));
  const max = item.maxChoices;
  const full = max !== undefined && chosen.length >= max;
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    props.onCommit([...entries.map((e) => e.code).filter((c) => next.has(c)), ...strays.filter((c) => next.has(c))].join(','));
  };
  return (
    <fieldset
      id={props.id}
      className="codes-field"
      data-testid={props.testId}
      aria-invalid={props.isInvalid ? true : undefined}
      aria-describedby={props.describedBy}
      onBlur={props.onBlur}
    >
      <legend className="visually-hidden">{language === 'en' ? item.labelEn : item.labelZh}</legend>
      {max !== undefined ? <span className="codes-field__max">{t('registration.form.maxChoices', { max })}</span> : null}
      <div className="codes-field__options">
        {[...entries.map((e) => ({ code: e.code, name: language === 'en' ? e.en : e.zh })), ...strays.map((code) => ({ code, name: t('registration.form.unknownCode') }))].map((e) => {
          const on = chosen.includes(e.code);
          return (
            <label key={e.code} className={`codes-field__option${on ? ' codes-field__option--on' : ''}`}>
              <input
                type="checkbox"
                data-item-input=""
                data-testid={`${props.testId}-${e.code}`}
                checked={on}
                disabled={props.isReadOnly || (!on && full)}
                onChange={(ev) => toggle(e.code, ev.target.checked)}
              />
              <span className="codes-field__code">{e.code}</span>
              <span>{e.name}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
