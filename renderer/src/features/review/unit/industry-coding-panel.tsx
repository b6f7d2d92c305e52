import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { industryByCode, isInCensusScope } from '@shared/codes/industry';
import { suggestIndustries } from '@shared/codes/industry-suggest';
import { refsOf } from '@shared/forms/refs';
import { primaryFormId } from '@shared/forms/unit-forms';
import type { LoadedPack } from '@shared/packs/load';
import type { UnitDetail } from '@shared/registration/registration';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../../components/error-notice';
import { showToast } from '../../../components/toast';
import { call } from '../../../lib/api';
import { IndustryField } from '../../registration/form/code-fields';

// 行业代码 coded by the office during review (shared/review/industry-coding.ts): the unit's
// 主要业务活动 beside its current code, classes suggested from the activity's words, the same
// GB/T 4754 picker the form uses, and an optional note. Saving does not return the unit: its
// status stays and the change goes into its trace and its review record. Main checks the
// permission and the census scope again.

const ACTIVITY_ITEMS = ['activity1', 'activity2', 'activity3'] as const;
const INPUT_ID = 'industry-coding-code';

interface Props {
  detail: UnitDetail;
  pack: LoadedPack;
  onCoded(detail: UnitDetail): void;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function IndustryCodingPanel({ detail, pack, onCoded }: Props) {
  const { t } = useTranslation();
  const formId = primaryFormId(detail.kind);
  const spec = pack.form(formId);
  const item = spec ? refsOf(spec).get('industryCode')?.item : undefined;
  const answers = detail.forms[formId] ?? {};
  const activities = ACTIVITY_ITEMS.map((code) => ({ code, label: spec ? refsOf(spec).get(code)?.item : undefined, value: text(answers[code]) })).filter(
    (a) => a.label !== undefined && a.value !== '',
  );
  const current = text(answers.industryCode);
  const [picked, setPicked] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  // A scan of ~1,300 classes: well under a millisecond, no memo needed.
  const suggestions = suggestIndustries(activities.map((a) => a.value), 5);
  if (!item) return null;

  const entry = picked === '' ? undefined : industryByCode(picked);
  const problem =
    picked === ''
      ? null
      : entry?.level !== 4
        ? t('review.coding.notClass')
        : !isInCensusScope(picked)
          ? t('review.coding.outOfScope')
          : picked === current
            ? t('review.coding.same')
            : null;

  const save = async () => {
    setError(null);
    setIsBusy(true);
    try {
      const trimmed = note.trim();
      const result = await call('review:codeIndustry', {
        unitId: detail.id,
        version: detail.version,
        industryCode: picked,
        ...(trimmed === '' ? {} : { note: trimmed }),
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setPicked('');
      setNote('');
      showToast(t('review.coding.done', { code: picked }));
      onCoded(result.value);
    } finally {
      setIsBusy(false);
    }
  };

  const currentEntry = current === '' ? undefined : industryByCode(current);
  return (
    <section className="panel industry-coding" data-testid="industry-coding" aria-labelledby="industry-coding-title">
      <h2 className="panel__title" id="industry-coding-title">
        {t('review.coding.title')}
      </h2>
      <p className="muted industry-coding__help">{t('review.coding.help')}</p>
      <dl className="industry-coding__facts">
        <dt>{t('review.coding.activities')}</dt>
        <dd data-testid="industry-coding-activities">
          {activities.length === 0 ? (
            <span className="muted">{t('review.coding.noActivities')}</span>
          ) : (
            <ol className="industry-coding__activities">
              {activities.map((a) => (
                <li key={a.code}>{a.value}</li>
              ))}
            </ol>
          )}
        </dd>
        <dt>{t('review.coding.current')}</dt>
        <dd data-testid="industry-coding-current">
          {current === '' ? <span className="muted">{t('review.coding.none')}</span> : <span className="mono">{current}</span>}{' '}
          {currentEntry ? currentEntry.name : null}
        </dd>
      </dl>
      {suggestions.length > 0 ? (
        <div className="industry-coding__suggest">
          <p className="field__label">{t('review.coding.suggested')}</p>
          <ul className="industry-coding__chips">
            {suggestions.map((s) => (
              <li key={s.code}>
                <button
                  type="button"
                  className={`chip-button${picked === s.code ? ' chip-button--on' : ''}`}
                  data-testid={`industry-suggest-${s.code}`}
                  aria-pressed={picked === s.code}
                  onClick={() => setPicked(s.code)}
                >
                  <span className="mono">{s.code}</span> {s.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={INPUT_ID}>
          {t('review.coding.pick')}
        </label>
        <IndustryField
          item={item}
          id={INPUT_ID}
          testId="industry-coding-code"
          value={picked}
          onCommit={setPicked}
          onBlur={() => undefined}
          isReadOnly={isBusy}
          isInvalid={problem !== null && picked !== current}
          describedBy={problem ? 'industry-coding-problem' : undefined}
          bindInput={() => undefined}
        />
        {problem ? (
          <p className="field__error" id="industry-coding-problem" data-testid="industry-coding-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor="industry-coding-note">
          {t('review.coding.note')}
        </label>
        <input
          id="industry-coding-note"
          className="field__input"
          data-testid="industry-coding-note"
          maxLength={400}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {error ? <ErrorNotice error={error} title={t('review.coding.failed')} onDismiss={() => setError(null)} /> : null}
      <div className="decision-panel__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="industry-coding-save"
          disabled={isBusy || picked === '' || problem !== null}
          onClick={() => void save()}
        >
          {isBusy ? t('review.coding.saving') : t('review.coding.submit')}
        </button>
      </div>
    </section>
  );
}
