import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseSearch } from '@shared/text/normalise';
import { isComposing } from '../../../lib/composition';

// A typed-code input with a searchable list (WAI-ARIA combobox, list autocomplete). The
// enumerator mostly types the code itself; the list helps when the code is not known, by code,
// Chinese name or pinyin initials. Keys: typing opens the list, Alt+↓ opens it, ↑/↓ move,
// Enter picks (or accepts the typed code when nothing is listed), Esc closes. Entries that
// are not codable themselves (an industry division) narrow the list to their children.

export interface PickOption {
  code: string;
  label: string;
  /** A short note after the label, e.g. the level of an industry code. */
  note?: string;
  /** false: choosing it narrows the search to its code instead of filling the item. */
  isPickable: boolean;
}

interface Props {
  id: string;
  testId: string;
  /** The committed value (a code, or whatever text the user left there). */
  value: string;
  options: readonly PickOption[];
  /** The text being typed; the parent turns it into `options`. */
  onQuery(query: string): void;
  onCommit(value: string): void;
  /** The user typed or picked the value the item already has (a listing-frame offer taken this way is confirmed). */
  onReaffirm?(): void;
  onBlur?(): void;
  /** The name of the committed code, shown beside the input; null when it is not a code. */
  name: string | null;
  isReadOnly?: boolean;
  isInvalid?: boolean;
  describedBy?: string;
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
  /** Shown in the list when the query finds nothing (or nothing was typed yet). */
  emptyText?: string;
  /** Whether an empty query lists everything (short code lists). */
  showAllOnOpen?: boolean;
  /** Receives the input element (react-hook-form focuses it). */
  bindInput?(el: HTMLInputElement | null): void;
}

export function Combobox({ bindInput, ...props }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  // null while not editing: the input then shows the committed value.
  const [edit, setEdit] = useState<string | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { options } = props;
  const text = edit ?? props.value;
  const shown = isOpen && (text !== '' || props.showAllOnOpen === true);

  const open = (query: string) => {
    props.onQuery(query);
    setIsOpen(true);
    setActive(0);
  };
  const close = () => setIsOpen(false);

  /** `isChosen`: typed or picked, not merely passed through with Enter or Tab. */
  const commit = (value: string, isChosen: boolean) => {
    setEdit(null);
    close();
    if (value !== props.value) props.onCommit(value);
    else if (isChosen) props.onReaffirm?.();
  };

  const choose = (option: PickOption): boolean => {
    if (option.isPickable) {
      commit(option.code, true);
      return true;
    }
    // Narrow to the entry's children and stay in the list.
    setEdit(option.code);
    props.onQuery(option.code);
    setIsOpen(true);
    setActive(1);
    return false;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (props.isReadOnly) return;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!shown || e.altKey) open(text);
        else setActive((i) => Math.min(i + 1, options.length - 1));
        break;
      case 'ArrowUp':
        if (shown) {
          e.preventDefault();
          if (e.altKey) close();
          else setActive((i) => Math.max(i - 1, 0));
        }
        break;
      case 'Enter': {
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        const option = shown ? options[active] : undefined;
        if (option && !choose(option)) {
          // Narrowed, not chosen: Enter must not also move on to the next item.
          e.preventDefault();
          e.stopPropagation();
          return;
        }
        if (!option) commit(text.trim(), edit !== null);
        break;
      }
      case 'Escape':
        if (shown) {
          e.preventDefault();
          e.stopPropagation();
          close();
        } else if (edit !== null) {
          e.preventDefault();
          setEdit(null);
        }
        break;
      case 'Tab':
        if (edit !== null) commit(edit.trim(), true);
        else close();
        break;
      default:
        break;
    }
  };

  const activeOption = shown ? options[active] : undefined;
  return (
    <div className="combo">
      <input
        id={props.id}
        ref={bindInput}
        type="text"
        className="field__input combo__input"
        data-testid={props.testId}
        data-item-input=""
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
        aria-invalid={props.isInvalid ? true : undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        spellCheck={false}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        readOnly={props.isReadOnly}
        value={text}
        onChange={(e) => {
          // A code typed in full width (１０) finds the same entries as 10.
          const typed = isComposing(e) ? e.target.value : normaliseSearch(e.target.value);
          setEdit(typed);
          open(typed);
        }}
        onCompositionEnd={(e) => {
          const typed = normaliseSearch(e.currentTarget.value);
          setEdit(typed);
          open(typed);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (edit !== null) commit(edit.trim(), true);
          else close();
          props.onBlur?.();
        }}
      />
      {props.name ? (
        <span className="combo__name" data-testid={`${props.testId}-name`}>
          {props.name}
        </span>
      ) : null}
      <ul id={listId} role="listbox" className="combo__list" hidden={!shown} aria-label={t('registration.form.pickList')}>
        {shown && options.length === 0 ? <li className="combo__empty">{props.emptyText ?? t('registration.form.noMatch')}</li> : null}
        {shown
          ? options.map((option, i) => (
              <li
                key={option.code}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`combo__option${option.isPickable ? '' : ' combo__option--group'}`}
                data-code={option.code}
                // mousedown, not click: the input must not lose focus (and commit) first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(option);
                }}
              >
                <span className="combo__code">{option.code}</span>
                <span className="combo__label">{option.label}</span>
                {option.note ? <span className="combo__note">{option.note}</span> : null}
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
