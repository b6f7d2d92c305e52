import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item, ItemType } from '../../../../../shared/forms';
import type { Finding } from '../../../../../shared/rules';
import { useLanguage } from '../../../app/store';
import { CodeListField, DivisionField, IndustryField, type PickerFieldProps } from './code-fields';
import { normaliseItemText } from '../../../../../shared/text/item-input';
import { isComposing } from '../../../lib/composition';
import { tidyDate, type Draft } from './draft';
import { FindingNotes } from './finding-notes';
import { useItemAside } from './item-aside';

// One form item: label, the input its type calls for, unit, help text, and the live findings
// on it (with an explanation box for each 核实性 one).

export interface ItemFieldProps {
  formId: string;
  item: Item;
  /** 'revenue' or 'establishments.0.estRevenue'. */
  path: string;
  control: Control<Draft>;
  isRequired: boolean;
  isReadOnly: boolean;
  findings: readonly Finding[];
  explanations: Readonly<Record<string, string>>;
  onExplain(key: string, text: string): void;
}

/** DOM id of an item's input, so findings and F8 can focus it. */
export const itemDomId = (formId: string, path: string) => `item-${formId}-${path.replaceAll('.', '-')}`;

const numericTypes: readonly ItemType[] = ['integer', 'money', 'decimal'];
const inputModes: Partial<Record<ItemType, 'numeric' | 'decimal' | 'tel' | 'email' | 'url'>> = {
  integer: 'numeric',
  money: 'numeric',
  decimal: 'decimal',
  phone: 'tel',
  email: 'email',
  url: 'url',
  areaCode: 'numeric',
};
const lengths: Partial<Record<ItemType, number>> = { uscc: 18, orgCode: 9, areaCode: 15, yearMonth: 8, date: 11 };

function Picker(props: PickerFieldProps) {
  switch (props.item.type) {
    case 'industryCode':
      return <IndustryField {...props} />;
    case 'divisionCode':
      return <DivisionField {...props} />;
    default:
      return <CodeListField {...props} />;
  }
}

const isPicker = (item: Item) =>
  item.type === 'code' || item.type === 'boolean' || item.type === 'industryCode' || item.type === 'divisionCode';

export function ItemField(props: ItemFieldProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { item, formId, path } = props;
  const {
    field: { ref: bindInput, name, value: raw, onChange, onBlur },
  } = useController({ name: path, control: props.control });
  const id = itemDomId(formId, path);
  const testId = path.includes('.') ? `item-${formId}-${path.replaceAll('.', '-')}` : `item-${formId}-${item.code}`;
  const label = language === 'en' ? item.labelEn : item.labelZh;
  const help = language === 'en' ? item.helpEn : item.helpZh;
  const unit = language === 'en' ? item.unitEn : item.unitZh;
  const worst = props.findings.find((f) => f.severity === 'mandatory') ?? props.findings[0];
  const describedBy = [help ? `${id}-help` : '', props.findings.length > 0 ? `${id}-findings` : ''].filter(Boolean).join(' ');
  const value = typeof raw === 'string' ? raw : '';
  const aside = useItemAside();
  const asideClass = aside?.classFor?.(formId, path) ?? '';

  return (
    <div
      className={`item${worst ? ` item--${worst.severity}` : ''}${numericTypes.includes(item.type) ? ' item--numeric' : ''}${asideClass ? ` ${asideClass}` : ''}`}
      data-path={path}
      onClick={aside?.onActivate ? () => aside.onActivate?.(formId, path) : undefined}
    >
      <label className="item__label" htmlFor={id}>
        {item.printedNo && !item.printedNo.includes('check') ? <span className="item__no">{item.printedNo}</span> : null}
        {label}
        {props.isRequired ? (
          <abbr className="item__required" title={t('registration.form.required')}>
            *
          </abbr>
        ) : null}
      </label>
      <div className="item__control">
        {isPicker(item) ? (
          <Picker
            item={item}
            id={id}
            testId={testId}
            value={value}
            onCommit={(v) => onChange(normaliseItemText(item, v))}
            onBlur={onBlur}
            isReadOnly={props.isReadOnly}
            isInvalid={worst?.severity === 'mandatory'}
            describedBy={describedBy || undefined}
            bindInput={bindInput}
          />
        ) : (
          <input
            id={id}
            ref={bindInput}
            name={name}
            type="text"
            className="field__input item__input"
            data-testid={testId}
            data-item-input=""
            inputMode={inputModes[item.type]}
            maxLength={item.maxLength ?? lengths[item.type]}
            autoComplete="off"
            spellCheck={false}
            readOnly={props.isReadOnly}
            aria-invalid={worst?.severity === 'mandatory' ? true : undefined}
            aria-describedby={describedBy || undefined}
            placeholder={item.type === 'yearMonth' ? 'YYYY-MM' : item.type === 'date' ? 'YYYY-MM-DD' : undefined}
            value={value}
            // Full-width digits and letters become half-width as they are typed (not mid-way
            // through an input method's composition, which must see its own text back).
            onChange={(e) => onChange(isComposing(e) ? e.target.value : normaliseItemText(item, e.target.value))}
            onCompositionEnd={(e) => onChange(normaliseItemText(item, e.currentTarget.value))}
            onBlur={() => {
              const tidy = tidyDate(item.type, value);
              if (tidy !== value) onChange(tidy);
              onBlur();
            }}
          />
        )}
        {unit ? <span className="item__unit">{unit}</span> : null}
      </div>
      {help ? (
        <p className="item__help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      <FindingNotes
        id={`${id}-findings`}
        findings={props.findings}
        explanations={props.explanations}
        onExplain={props.onExplain}
        isReadOnly={props.isReadOnly}
      />
      {aside ? aside.render(formId, path) : null}
    </div>
  );
}
