import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { industryByCode, industryEntries, type IndustryEntry } from '@shared/codes/industry';
import type { LoadedPack } from '@shared/packs/load';
import { searchCodes, type SearchableEntry } from '@shared/codes/search';
import type { Item } from '@shared/forms';
import type { Language } from '@shared/session/settings';
import { useLanguage } from '../../../app/store';
import { call } from '../../../lib/api';
import { Combobox, type PickOption } from './combobox';
import { useFormPack } from '../../forms/pack-context';

// The pickers behind code items: national code lists and inline options, GB/T 4754 industry
// classes, and statistical division codes (searched in the store through divisions:search).

export interface PickerFieldProps {
  item: Item;
  id: string;
  testId: string;
  value: string;
  onCommit(value: string): void;
  onReaffirm?(): void;
  onBlur(): void;
  isReadOnly: boolean;
  isInvalid: boolean;
  describedBy: string | undefined;
  bindInput(el: HTMLInputElement | null): void;
}

interface ListEntry extends SearchableEntry {
  en: string;
}

// A pack without a yes/no list still answers a boolean item: the census's 1 是 / 2 否.
const YES_NO: readonly ListEntry[] = [
  { code: '1', zh: '是', en: 'Yes', initials: 's' },
  { code: '2', zh: '否', en: 'No', initials: 'f' },
];
const NONE: readonly ListEntry[] = [];

/** Every entry of the item's list: a stored answer is named even with a code no longer offered. */
function entriesOf(pack: LoadedPack, item: Item): readonly ListEntry[] {
  if (item.type === 'boolean') return pack.codeList('yesNo')?.entries ?? YES_NO;
  if (item.codeList) return pack.codeList(item.codeList)?.entries ?? NONE;
  // Inline options are short; they carry no initials and are found by code or name.
  return (item.options ?? []).map((o) => ({ ...o, initials: '' }));
}

/** The entries the picker proposes: not those a 强制性 rule refuses (shared/codes/types.ts). */
function offeredOf(pack: LoadedPack, item: Item): readonly ListEntry[] {
  return item.type !== 'boolean' && item.codeList ? pack.offeredEntries(item.codeList) : entriesOf(pack, item);
}

const nameIn = (language: Language, e: { zh: string; en: string }) => (language === 'en' ? e.en : e.zh);

/** A code from a national list, an inline option list, or 1 是 / 2 否. */
export function CodeListField(props: PickerFieldProps) {
  const language = useLanguage();
  const [query, setQuery] = useState('');
  const pack = useFormPack();
  const entries = entriesOf(pack, props.item);
  const offered = offeredOf(pack, props.item);
  const options = useMemo<PickOption[]>(() => {
    const found = query.trim() === '' ? offered : searchCodes(offered, query, 50);
    return found.map((e) => ({ code: e.code, label: nameIn(language, e), isPickable: true }));
  }, [offered, query, language]);
  const entry = entries.find((e) => e.code === props.value);
  return (
    <Combobox
      {...props}
      options={options}
      onQuery={setQuery}
      name={entry ? nameIn(language, entry) : null}
      showAllOnOpen
      maxLength={props.item.maxLength ?? 8}
    />
  );
}

// Sections (A–T) are letters and never typed as a 611 industry code; the search runs over
// divisions, groups and classes, and only a 4-digit class can be chosen.
const searchableIndustries: readonly IndustryEntry[] = industryEntries().filter((e) => e.level > 1);

function industryNote(entry: IndustryEntry, t: (key: 'registration.form.industryDivision' | 'registration.form.industryGroup') => string) {
  if (entry.level === 2) return t('registration.form.industryDivision');
  if (entry.level === 3) return t('registration.form.industryGroup');
  return undefined;
}

/** GB/T 4754-2017 小类, searchable by code, name and pinyin initials over all 1,380 classes. */
export function IndustryField(props: PickerFieldProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const options = useMemo<PickOption[]>(
    () =>
      searchCodes(searchableIndustries, query, 40).map((e) => ({
        code: e.code,
        label: e.name,
        note: industryNote(e, t),
        isPickable: e.level === 4,
      })),
    [query, t],
  );
  const entry = industryByCode(props.value);
  return (
    <Combobox
      {...props}
      options={options}
      onQuery={setQuery}
      name={entry?.level === 4 ? entry.name : null}
      inputMode="text"
      maxLength={4}
      emptyText={query.trim() === '' ? t('registration.form.industryHint') : undefined}
    />
  );
}

const DIVISION_LEVEL_VILLAGE = 5;

/**
 * A 12-digit 统计用区划代码. Names come from the store (divisions:search); only village-level
 * codes can be chosen, higher levels narrow the list. Lookups are debounced while typing.
 */
export function DivisionField(props: PickerFieldProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; options: PickOption[] }>({ query: '', options: [] });
  const [named, setNamed] = useState<{ code: string; name: string | null }>({ code: '', name: null });

  useEffect(() => {
    const q = query.trim();
    if (q === '') return;
    let isCurrent = true;
    const timer = window.setTimeout(() => {
      void call('divisions:search', { query: q, limit: 30 }).then((result) => {
        if (!isCurrent || !result.ok) return;
        setFound({
          query: q,
          options: result.value.map((row) => ({
            code: row.code,
            label: row.name,
            isPickable: row.level === DIVISION_LEVEL_VILLAGE,
          })),
        });
      });
    }, 120);
    return () => {
      isCurrent = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  // The name of the committed code, looked up once per code.
  useEffect(() => {
    const code = props.value.trim();
    if (!/^\d{12}$/.test(code)) return;
    let isCurrent = true;
    void call('divisions:search', { query: code, limit: 1 }).then((result) => {
      if (!isCurrent) return;
      const row = result.ok ? result.value.find((r) => r.code === code) : undefined;
      setNamed({ code, name: row?.name ?? null });
    });
    return () => {
      isCurrent = false;
    };
  }, [props.value]);

  const options = found.query === query.trim() ? found.options : [];
  return (
    <Combobox
      {...props}
      options={options}
      onQuery={setQuery}
      name={named.code === props.value.trim() ? named.name : null}
      inputMode="text"
      maxLength={12}
      emptyText={query.trim() === '' ? t('registration.form.divisionHint') : undefined}
    />
  );
}
