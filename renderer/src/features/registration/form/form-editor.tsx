import { useEffect, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { evaluateCondition, itemState, type FormSpec, type FormValues, type Section } from '@shared/forms';
import type { FormPreload } from '@shared/forms/preload';
import { lookupIn, refsOf } from '@shared/forms/refs';
import type { Finding } from '@shared/rules';
import { useLanguage } from '../../../app/store';
import { fromDraft, toDraft, type Draft, type DraftRow } from './draft';
import { answersWithoutOffers, pendingOffers, valuesWithOffers } from '@shared/forms/preload-offers';
import { draftWithOffers } from './frame-offers';
import { FrameBanner } from './frame-banner';
import { ItemField, type ItemFrame } from './item-field';
import { onFormKeyDown } from './keyboard';
import type { ComputedOfForm } from './computed-shown';
import { scalarToText } from './draft';

// Draws any FormSpec: its sections in order, repeating sections as rows that can be added and
// removed, each relevant item by its type. Not-relevant items and sections are not rendered
// (skipped), their stored values stay untouched. The draft lives in react-hook-form; every
// change is reported up as FormValues, where the rules run and autosave picks it up.

export interface FormEditorProps {
  spec: FormSpec;
  /** The stored values when the editor opened (later changes come from the user). */
  initial: FormValues | undefined;
  findings: readonly Finding[];
  explanations: Readonly<Record<string, string>>;
  isReadOnly: boolean;
  /** What the listing frame offers this form's items (shown as 来自底册 until confirmed). */
  preload?: FormPreload;
  onChange(values: FormValues): void;
  onExplain(key: string, text: string): void;
  /** This form's computed items as they stand with the unit's other forms (shown read-only). */
  computed?: ComputedOfForm;
}

interface SectionProps {
  spec: FormSpec;
  section: Section;
  values: FormValues;
  control: Control<Draft>;
  byPath: ReadonlyMap<string, Finding[]>;
  editor: FormEditorProps;
  /** The listing frame's offer for a top-level item, if any. */
  frameOf(code: string): ItemFrame | undefined;
}

function ItemsOf({ spec, section, values, control, byPath, editor, frameOf, row }: SectionProps & { row?: number }) {
  return (
    <div className="items">
      {section.items.map((item) => {
        const path = row === undefined ? item.code : `${section.id}.${row}.${item.code}`;
        const state = itemState(spec, values, path);
        if (!state?.relevant) return null;
        return (
          <ItemField
            key={path}
            formId={spec.id}
            item={item}
            path={path}
            control={control}
            isRequired={state.required}
            isReadOnly={editor.isReadOnly}
            findings={byPath.get(path) ?? []}
            explanations={editor.explanations}
            onExplain={editor.onExplain}
            frame={row === undefined ? frameOf(item.code) : undefined}
            computed={row === undefined ? editor.computed?.get(item.code) : undefined}
          />
        );
      })}
    </div>
  );
}

const emptyRow = (section: Section): DraftRow => Object.fromEntries(section.items.map((i) => [i.code, '']));

function RepeatingSection(props: SectionProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { section, control, editor } = props;
  const { fields, append, remove } = useFieldArray({ control, name: section.id as never });
  const repeat = section.repeat;
  if (!repeat) return null;
  const rowLabel = language === 'en' ? repeat.itemLabelEn : repeat.itemLabelZh;
  const sectionFindings = props.byPath.get(section.id) ?? [];
  return (
    <>
      {sectionFindings.length > 0 ? (
        <ul className="item__findings">
          {sectionFindings.map((f) => (
            <li key={f.ruleId} className={`note note--${f.severity}`} data-testid={`item-finding-${f.ruleId}`} data-path={f.path}>
              <span className="note__severity">{t(`registration.severity.${f.severity}`)}</span>
              <span className="note__text">{language === 'en' ? f.messageEn : f.messageZh}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <ol className="rows">
        {fields.map((field, index) => (
          <li key={field.id} className="row" data-testid={`row-${section.id}-${index}`}>
            <div className="row__head">
              <span className="row__title">{t('registration.form.rowTitle', { label: rowLabel, n: index + 1 })}</span>
              {!editor.isReadOnly && fields.length > repeat.min ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-testid={`row-remove-${section.id}-${index}`}
                  onClick={() => remove(index)}
                >
                  {t('registration.form.removeRow', { label: rowLabel, n: index + 1 })}
                </button>
              ) : null}
            </div>
            <ItemsOf {...props} row={index} />
          </li>
        ))}
      </ol>
      {!editor.isReadOnly && fields.length < repeat.max ? (
        <button
          type="button"
          className="button button--secondary"
          data-testid={`row-add-${section.id}`}
          onClick={() => append(emptyRow(section) as never)}
        >
          {t('registration.form.addRow', { label: rowLabel })}
        </button>
      ) : null}
    </>
  );
}

export function FormEditor(props: FormEditorProps) {
  const language = useLanguage();
  const { spec, preload } = props;
  // The stored values at mount: the editor owns the draft from then on (a reload remounts it).
  const [initial] = useState(props.initial);
  // Frame offers not yet confirmed, edited or cleared (read-only: none are put in the inputs).
  // Items with a frame offer and no answer at all when the editor opened.
  const [unanswered] = useState(() => pendingOffers(spec, initial, preload));
  const [pending, setPending] = useState(() => (props.isReadOnly ? new Set<string>() : unanswered));
  const { control, setValue } = useForm<Draft>({
    defaultValues: draftWithOffers(toDraft(spec, initial), preload, pending),
    mode: 'onChange',
  });
  const draft = useWatch({ control }) as Draft;
  const values = useMemo(
    () => answersWithoutOffers(fromDraft(spec, draft, initial), initial, props.isReadOnly ? undefined : preload, pending),
    [spec, draft, initial, preload, pending, props.isReadOnly],
  );
  const shown = useMemo(() => valuesWithOffers(values, preload, pending), [values, preload, pending]);
  const onChange = useRef(props.onChange);
  useEffect(() => {
    onChange.current = props.onChange;
  }, [props.onChange]);

  useEffect(() => {
    onChange.current(values);
  }, [values]);

  // A carried value goes into the draft, so what is saved is what is shown and a later blank
  // source keeps it (main stores the same on save: shared/forms/computed.ts).
  const computed = props.computed;
  useEffect(() => {
    if (!computed || props.isReadOnly) return;
    for (const [code, shownValue] of computed) {
      if (!shownValue.isCarried) continue;
      const text = scalarToText(shownValue.value);
      if (draft[code] !== text) setValue(code, text, { shouldDirty: true });
    }
  }, [computed, draft, setValue, props.isReadOnly]);

  const byPath = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of props.findings) map.set(f.path, [...(map.get(f.path) ?? []), f]);
    return map;
  }, [props.findings]);
  const get = lookupIn(refsOf(spec), shown);

  const settle = (codes: readonly string[]) =>
    setPending((current) => {
      const next = new Set(current);
      for (const code of codes) next.delete(code);
      return next;
    });
  const frameOf = (code: string): ItemFrame | undefined => {
    const offer = preload?.[code];
    if (!offer) return undefined;
    return {
      offer,
      isPending: pending.has(code),
      isUnanswered: unanswered.has(code),
      onConfirm: () => {
        // The input may hold an edit the user has not left yet: confirming takes the frame's value.
        setValue(code, offer.value, { shouldDirty: true });
        settle([code]);
      },
      onEdit: () => settle([code]),
    };
  };
  // The open offers the user can see (an item skip logic hides cannot be confirmed).
  const visiblePending = [...pending].filter((code) => itemState(spec, shown, code)?.relevant === true);

  return (
    <div className="form-editor" onKeyDown={onFormKeyDown} data-testid={`form-${spec.id}`}>
      {!props.isReadOnly && visiblePending.length > 0 ? (
        <FrameBanner formId={spec.id} count={visiblePending.length} onConfirmAll={() => settle(visiblePending)} />
      ) : null}
      {spec.sections.map((section) => {
        if (section.relevant && !evaluateCondition(section.relevant, get)) return null;
        const sectionProps: SectionProps = { spec, section, values: shown, control, byPath, editor: props, frameOf };
        return (
          <section key={section.id} className="form-section" aria-labelledby={`section-${spec.id}-${section.id}`}>
            <h3 className="form-section__title" id={`section-${spec.id}-${section.id}`}>
              {language === 'en' ? section.titleEn : section.titleZh}
            </h3>
            {section.repeat ? <RepeatingSection {...sectionProps} /> : <ItemsOf {...sectionProps} />}
          </section>
        );
      })}
    </div>
  );
}
