import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '@shared/registration/registration';
import { usePacksStore } from './packs-store';
import { useEffect } from 'react';

// What a unit's page says about its form pack: that its own pack is not on this laptop yet (it
// is shown with the one in force), that it was filled under an older version than the one in
// force (a handed-in unit keeps it until reopened), and the values it holds under items its
// pack does not have (kept from an earlier version, never dropped).

const valueText = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? `${value.length}` : JSON.stringify(value);

export function PackNotices({ detail, formId }: { detail: UnitDetail; formId: string | null }) {
  const { t, i18n } = useTranslation();
  const list = usePacksStore((s) => s.list);
  const loadList = usePacksStore((s) => s.loadList);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const isEnglish = i18n.language === 'en';
  const current = list?.packs.find((p) => p.ref === list.current);
  const own = list?.packs.find((p) => p.ref === detail.formPack);
  const kept = detail.notInPack.filter((v) => formId !== null && (v.path === formId || v.path.startsWith(`${formId}.`)));
  return (
    <>
      {detail.packFallback ? (
        <p className="notice notice--warn" role="status" data-testid="pack-fallback">
          {t('forms.notices.fallback', { current: detail.formPack })}
        </p>
      ) : current && own && current.ref !== own.ref ? (
        <p className="notice notice--info" data-testid="pack-older">
          {t('forms.notices.older', { own: own.version, current: current.version })}
        </p>
      ) : null}
      {kept.length > 0 ? (
        <section className="panel pack-kept" data-testid="not-in-pack" aria-labelledby="not-in-pack-title">
          <h3 id="not-in-pack-title">{t('forms.notInPack.title')}</h3>
          <p className="muted">{t('forms.notInPack.help')}</p>
          <dl className="pack-kept__list">
            {kept.map((v) => (
              <div key={v.path} className="pack-kept__row">
                <dt>
                  {isEnglish ? v.labelEn : v.labelZh} <code>{v.path}</code>
                </dt>
                <dd>{valueText(v.value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </>
  );
}
