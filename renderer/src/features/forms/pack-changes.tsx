import { useTranslation } from 'react-i18next';
import type { PackChange } from '@shared/packs/diff';

// A list of what a form pack version changes (shared/packs/diff.ts), in the UI's language: the
// first lines at once, the rest behind a toggle, so a long correction does not push the page away.

const SHOWN = 8;

export function PackChanges({ changes, testId }: { changes: readonly PackChange[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const line = (c: PackChange) => (i18n.language === 'en' ? c.en : c.zh);
  if (changes.length === 0) {
    return (
      <p className="muted" data-testid={`${testId}-none`}>
        {t('forms.changes.none')}
      </p>
    );
  }
  const first = changes.slice(0, SHOWN);
  const rest = changes.slice(SHOWN);
  return (
    <div className="pack-changes" data-testid={testId} data-count={changes.length}>
      <ul className="pack-changes__list">
        {first.map((c, i) => (
          <li key={i}>{line(c)}</li>
        ))}
      </ul>
      {rest.length > 0 ? (
        <details className="pack-changes__more">
          <summary>{t('forms.changes.more', { count: rest.length })}</summary>
          <ul className="pack-changes__list">
            {rest.map((c, i) => (
              <li key={i}>{line(c)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
