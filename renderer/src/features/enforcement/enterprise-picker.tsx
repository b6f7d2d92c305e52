import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../lib/use-call';

// Picks one enterprise of the directory by name, USCC or pinyin initials: type, then choose
// among the first matches.

export function EnterprisePicker({ value, onChange, testId }: { value: { id: string; name: string } | null; onChange(v: { id: string; name: string } | null): void; testId: string }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const found = useCall('enterprises:list', { query: query.trim(), limit: 8 }, { isEnabled: query.trim().length > 0 });
  const rows = query.trim() ? (found.value?.rows ?? []) : [];
  return (
    <span className="enforce-picker">
      <input className="field__input" placeholder={t('enforcement.picker.placeholder')} aria-label={t('enforcement.picker.label')} data-testid={`${testId}-query`} value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} />
      <select
        className="field__input field__input--select"
        aria-label={t('enforcement.picker.choose')}
        data-testid={`${testId}-choose`}
        value={value?.id ?? ''}
        onChange={(e) => {
          const row = rows.find((r) => r.id === e.target.value);
          onChange(row ? { id: row.id, name: row.name } : null);
        }}
      >
        <option value="">{rows.length === 0 ? t('enforcement.picker.none') : t('enforcement.picker.choose')}</option>
        {value && !rows.some((r) => r.id === value.id) ? <option value={value.id}>{value.name}</option> : null}
        {rows.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
            {r.liaison ? t('enforcement.picker.liaison', { name: r.liaison }) : ''}
          </option>
        ))}
      </select>
    </span>
  );
}
