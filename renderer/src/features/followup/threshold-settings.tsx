import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import type { DirectorySettings, ThresholdsInfo } from '@shared/followup/thresholds';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { formatInteger } from '../directory/format';

// The bureau's working settings for 入规纳统 (the 准规模 share, the 成长型 rate, the consistency
// tolerance, the 双随机 share) and the size thresholds per industry they apply to, with the
// thresholds' version and source. Saving recomputes every enterprise's flags in main.

const settingKeys = ['nearThresholdPct', 'growthPct', 'consistencyTolerancePct', 'inspectionSharePct'] as const satisfies readonly (keyof DirectorySettings)[];

export function ThresholdSettings({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [info, setInfo] = useState<ThresholdsInfo | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    void call('thresholds:get', undefined).then((r) => {
      if (r.ok) {
        setInfo(r.value);
        setTexts(Object.fromEntries(settingKeys.map((k) => [k, String(r.value.settings[k])])));
      } else setError(r.error);
    });
  }, []);

  const save = async () => {
    setError(null);
    setIsSaved(false);
    const patch: Partial<DirectorySettings> = {};
    for (const k of settingKeys) {
      const text = (texts[k] ?? '').trim();
      if (/^\d+$/.test(text)) patch[k] = Number(text);
    }
    setIsBusy(true);
    const result = await call('thresholds:update', patch);
    setIsBusy(false);
    if (!result.ok) return setError(result.error);
    setInfo(result.value);
    setIsSaved(true);
    onSaved();
  };

  return (
    <details className="panel dir-details threshold-settings" data-testid="threshold-settings">
      <summary className="panel__title">
        {t('directory.thresholds.title')}
        {info ? (
          <span className="muted threshold-settings__summary">
            {t('directory.thresholds.summary', { near: info.settings.nearThresholdPct, growth: info.settings.growthPct })}
          </span>
        ) : null}
      </summary>
      <div className="threshold-settings__fields">
        {settingKeys.map((k) => (
          <label key={k} className="field">
            <span className="field__label">{t(`directory.thresholds.${k}`)}</span>
            <span className="dir-inline">
              <input
                className="field__input dir-short"
                inputMode="numeric"
                data-testid={`threshold-${k}`}
                value={texts[k] ?? ''}
                onChange={(e) => setTexts((s) => ({ ...s, [k]: e.target.value }))}
              />
              %
            </span>
          </label>
        ))}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form__actions">
        <button type="button" className="button button--primary" data-testid="threshold-save" disabled={isBusy || !info} onClick={() => void save()}>
          {t('directory.thresholds.save')}
        </button>
        {isSaved ? (
          <span className="saved" role="status" data-testid="threshold-saved">
            {t('directory.thresholds.saved')}
          </span>
        ) : null}
      </div>
      {info ? (
        <>
          <table className="data-table threshold-table">
            <caption>
              {t('directory.thresholds.tableCaption', { version: info.table.version, year: info.table.year })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('directory.thresholds.industry')}</th>
                <th scope="col">{t('directory.thresholds.codes')}</th>
                <th scope="col">{t('directory.thresholds.measure')}</th>
                <th scope="col" className="num">
                  {t('directory.thresholds.minRevenue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {info.table.rules.map((r) => (
                <tr key={r.id}>
                  <td>{language === 'en' ? r.en : r.zh}</td>
                  <td className="mono">{r.matches.join(' ')}</td>
                  <td>{r.measure ? t(`directory.measures.${r.measure}`) : '—'}</td>
                  <td className="num">{r.kind === 'revenue' ? formatInteger(r.minRevenue, language) : t(`directory.thresholds.kinds.${r.kind}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field__hint">{t('directory.thresholds.source', { source: info.table.source })}</p>
        </>
      ) : null}
    </details>
  );
}
