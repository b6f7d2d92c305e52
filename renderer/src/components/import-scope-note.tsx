import { useTranslation } from 'react-i18next';
import type { ImportScope } from '@shared/session/import-scope';
import { useLanguage } from '../app/store';
import { formatCount, joinList } from '../lib/format';

// What an import preview checked the rows' areas against: nothing before any login (say so:
// the server may refuse rows later), the account's areas by name and code otherwise, with how
// many rows lie outside them. The bureau (all areas) needs no note.

export function ImportScopeNote({ scope, outside }: { scope: ImportScope; outside: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (scope.kind === 'all') return null;
  if (scope.kind === 'unknown') {
    return (
      <p className="notice notice--info" data-testid="import-scope-note" data-scope="unknown">
        {t('imports.scope.unknown')}
      </p>
    );
  }
  const areas = joinList(
    scope.areas.map((a) => (a.name === '' ? a.code : `${a.name} ${a.code}`)),
    language,
  );
  return (
    <p className={`notice ${outside > 0 ? 'notice--warn' : 'notice--info'}`} data-testid="import-scope-note" data-scope="areas">
      {t('imports.scope.areas', { areas })}
      {outside > 0 ? `${language === 'en' ? ' ' : ''}${t('imports.scope.outside', { n: formatCount(outside, language) })}` : null}
    </p>
  );
}

/** The result's line for rows skipped as outside the account's areas (nothing when none). */
export function OutOfScopeSkipped({ n }: { n: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (n === 0) return null;
  return (
    <p className="notice notice--warn" data-testid="import-out-of-scope">
      {t('imports.scope.skipped', { n: formatCount(n, language) })}
    </p>
  );
}
