import type { KeyboardEvent } from 'react';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item, ItemType } from '@shared/forms';
import type { FrameValue } from '@shared/forms/preload';
import type { Finding } from '@shared/rules';
import { useLanguage } from '../../../app/store';
import { CodeListField, DivisionField, IndustryField, type PickerFieldProps } from './code-fields';
import { normaliseItemText } from '@shared/text/item-input';
import { isComposing } from '../../../lib/composition';
import { tidyDate, type Draft } from './draft';
import { FindingNotes } from './finding-notes';
import { FrameMark } from './frame-banner';
import { useItemAside } from './item-aside';
import { focusNextItem } from './keyboard';
import { CodesField } from './codes-field';
import type { ComputedShown } from './computed-shown';
import { printValue } from '@shared/forms/print';
import { useFormPack } from '../../forms/pack-context';

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
  /** The listing frame's offer for this item, when it has one. */
  frame?: ItemFrame;
  /** A computed (carried) item: shown read-only with where it comes from, never typed. */
  computed?: ComputedShown;
}

export interface ItemFrame {
  offer: FrameValue;
  /** The input shows the frame's value; it is not an answer until confirmed or edited. */
  isPending: boolean;
  /** No answer was given (a read-only form shows the offer beside the empty item). */
  isUnanswered: boolean;
  onConfirm(): void;
  /** The user typed or picked something else: the item is theirs now. */
  onEdit(): void;
}

/** Alt+Enter on an item showing a frame offer: confirm it and go on to the next item. */
function confirmByKey(e: KeyboardEvent<HTMLDivElement>, frame: ItemFrame | undefined): void {
  if (e.key !== 'Enter' || !e.altKey || e.ctrlKey || e.metaKey || !frame) return;
  e.preventDefault();
  frame.onConfirm();
  const from = e.target;
  const root = e.currentTarget.closest<HTMLElement>('.form-editor');
  window.setTimeout(() => {
    if (root && from instanceof Element && from.isConnected) focusNextItem(root, from);
  }, 0);
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
  const frame = props.frame;
  const isPending = frame?.isPending === true;
  // A pending offer is no answer, so its findings are about the item being blank ("请填写…",
  // "至少填写一项"), which the input showing the frame's value would contradict: the mark says
  // what to do instead. The severity still marks the row (F8 stops there; the panel lists them).
  const findings = isPending ? [] : props.findings;
  const worst = props.findings.find((f) => f.severity === 'mandatory') ?? props.findings[0];
  const isInvalid = !isPending && worst?.severity === 'mandatory';
  const describedBy = [help ? `${id}-help` : '', findings.length > 0 ? `${id}-findings` : '', isPending ? `${id}-frame` : '']
    .filter(Boolean)
    .join(' ');
  const value = typeof raw === 'string' ? raw : '';
  const aside = useItemAside();
  const pack = useFormPack();
  const asideClass = aside?.classFor?.(formId, path) ?? '';
  /** A change the user made (not the frame's value arriving): settles the offer. */
  const edit = (next: string) => {
    if (isPending && next !== value) frame?.onEdit();
    onChange(next);
  };

  return (
    <div
      className={`item${worst ? ` item--${worst.severity}` : ''}${numericTypes.includes(item.type) ? ' item--numeric' : ''}${isPending ? ' item--from-frame' : ''}${asideClass ? ` ${asideClass}` : ''}`}
      data-path={path}
      onClick={aside?.onActivate ? () => aside.onActivate?.(formId, path) : undefined}
      onKeyDown={isPending ? (e) => confirmByKey(e, frame) : undefined}
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
        {props.computed ? (
          <output id={id} className="item__computed" data-testid={testId} aria-describedby={`${id}-computed`}>
            {printValue(item, props.computed.value, language === 'en' ? 'en' : 'zh', pack.findCode) || '—'}
          </output>
        ) : item.type === 'codes' ? (
          <CodesField
            item={item}
            id={id}
            testId={testId}
            value={value}
            onCommit={(v) => edit(v)}
            onBlur={onBlur}
            isReadOnly={props.isReadOnly}
            isInvalid={isInvalid}
            describedBy={describedBy || undefined}
          />
        ) : isPicker(item) ? (
          <Picker
            item={item}
            id={id}
            testId={testId}
            value={value}
            onCommit={(v) => edit(normaliseItemText(item, v))}
            onReaffirm={isPending ? frame?.onEdit : undefined}
            onBlur={onBlur}
            isReadOnly={props.isReadOnly}
            isInvalid={isInvalid}
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
            aria-invalid={isInvalid ? true : undefined}
            aria-describedby={describedBy || undefined}
            placeholder={item.type === 'yearMonth' ? 'YYYY-MM' : item.type === 'date' ? 'YYYY-MM-DD' : undefined}
            value={value}
            // Full-width digits and letters become half-width as they are typed (not mid-way
            // through an input method's composition, which must see its own text back).
            onChange={(e) => edit(isComposing(e) ? e.target.value : normaliseItemText(item, e.target.value))}
            onCompositionEnd={(e) => edit(normaliseItemText(item, e.currentTarget.value))}
            onBlur={() => {
              const tidy = tidyDate(item.type, value);
              if (tidy !== value) edit(tidy);
              onBlur();
            }}
          />
        )}
        {unit ? <span className="item__unit">{unit}</span> : null}
        {frame && (isPending || (props.isReadOnly && frame.isUnanswered)) ? (
          <FrameMark formId={formId} code={item.code} id={`${id}-frame`} frame={frame} isReadOnly={props.isReadOnly} />
        ) : null}
      </div>
      {props.computed ? (
        <p className="item__help item__computed-note" id={`${id}-computed`} data-testid={`${testId}-computed`}>
          {language === 'en' ? props.computed.noteEn : props.computed.noteZh}
        </p>
      ) : null}
      {help ? (
        <p className="item__help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      <FindingNotes
        id={`${id}-findings`}
        findings={findings}
        explanations={props.explanations}
        onExplain={props.onExplain}
        isReadOnly={props.isReadOnly}
      />
      {aside ? aside.render(formId, path) : null}
    </div>
  );
}
