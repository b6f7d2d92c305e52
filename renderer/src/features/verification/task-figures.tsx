import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorDef } from '@shared/ledger/indicators';
import { figureDifference } from '@shared/verification/differences';
import type { TaskDetail } from '@shared/verification/wire';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { formatCount, inParens } from '../../lib/format';
import { useTaskAction } from './use-task-action';

// Reported against found: the reported figure comes from the ledger (or the annual figures) of
// the task's period where the directory holds it, and is typed only where it does not; the
// found figure is typed from the unit's records. The difference and its share are the shared
// definition (shared/verification/differences.ts), live as the checker types.

const parse = (text: string): number | null | 'bad' => {
  const s = text.replace(/[,，\s]/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (s === '') return null;
  return /^-?\d{1,12}$/.test(s) ? Number(s) : 'bad';
};

export function TaskFigures({ task, onChanged }: { task: TaskDetail; onChanged(t: TaskDetail): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const action = useTaskAction(onChanged);
  const [found, setFound] = useState<Record<string, string>>(() => Object.fromEntries(task.figures.map((f) => [f.key, f.found === null ? '' : String(f.found)])));
  const [reported, setReported] = useState<Record<string, string>>(() => Object.fromEntries(task.figures.map((f) => [f.key, f.reported === null ? '' : String(f.reported)])));
  const [isBad, setIsBad] = useState(false);
  const isLocked = task.state === 'completed';
  const fromDirectory = (f: TaskDetail['figures'][number]) => f.reportedSource === 'ledger' || f.reportedSource === 'annual';
  const n = (v: number | null) => (v === null ? '' : formatCount(v, language));

  const save = async () => {
    const figures = task.figures.map((f) => {
      const fv = parse(found[f.key] ?? '');
      const rv = parse(reported[f.key] ?? '');
      return { key: f.key, found: fv, reported: fromDirectory(f) ? undefined : rv };
    });
    if (figures.some((f) => f.found === 'bad' || f.reported === 'bad')) return setIsBad(true);
    setIsBad(false);
    await action.run('verification:figures', {
      id: task.id,
      figures: figures.map((f) => ({ key: f.key, found: f.found === 'bad' ? null : f.found, ...(f.reported === undefined || f.reported === 'bad' ? {} : { reported: f.reported }) })),
    });
  };

  return (
    <section className="panel verification-wide" aria-labelledby="verification-figures-title" data-testid="verification-figures">
      <h3 className="panel__title" id="verification-figures-title">
        {t('verification.task.figures.title')} <span className="muted">{t('verification.period', task.period)}</span>
      </h3>
      <table className="data-table verification-figures">
        <thead>
          <tr>
            <th scope="col">{t('verification.task.figures.indicator')}</th>
            <th scope="col" className="num">
              {t('verification.task.figures.reported')}
            </th>
            <th scope="col" className="num">
              {t('verification.task.figures.found')}
            </th>
            <th scope="col" className="num">
              {t('verification.task.figures.diff')}
            </th>
            <th scope="col" className="num">
              {t('verification.task.figures.pct')}
            </th>
          </tr>
        </thead>
        <tbody>
          {task.figures.map((f) => {
            const def = indicatorDef(f.key);
            const unit = def.unit === '人' ? t('verification.task.figures.unitPeople') : t('verification.task.figures.unitMoney');
            const rv = fromDirectory(f) ? f.reported : parse(reported[f.key] ?? '');
            const fv = parse(found[f.key] ?? '');
            const d = figureDifference(typeof rv === 'number' ? rv : null, typeof fv === 'number' ? fv : null);
            return (
              <tr key={f.key} data-testid={`verification-figure-${f.key}`} data-diff={d.diff ?? ''} data-pct={d.pct ?? ''}>
                <th scope="row">
                  {language === 'en' ? def.en : def.zh}
                  <span className="muted">{inParens(unit, language)}</span>
                </th>
                <td className="num">
                  {fromDirectory(f) ? (
                    <>
                      {n(f.reported)} <span className="muted">{f.reportedSource ? t(`verification.task.figures.sources.${f.reportedSource}`) : ''}</span>
                    </>
                  ) : (
                    <input className="field__input num verification-number" inputMode="numeric" aria-label={`${language === 'en' ? def.en : def.zh} ${t('verification.task.figures.reported')}`} data-testid={`verification-reported-${f.key}`} value={reported[f.key] ?? ''} disabled={isLocked} onChange={(e) => setReported({ ...reported, [f.key]: e.target.value })} />
                  )}
                </td>
                <td className="num">
                  <input className="field__input num verification-number" inputMode="numeric" aria-label={`${language === 'en' ? def.en : def.zh} ${t('verification.task.figures.found')}`} data-testid={`verification-found-${f.key}`} value={found[f.key] ?? ''} disabled={isLocked} onChange={(e) => setFound({ ...found, [f.key]: e.target.value })} />
                </td>
                <td className={`num${d.diff !== null && d.diff !== 0 ? ' verification-diff' : ''}`}>{d.diff === null ? '' : `${d.diff > 0 ? '+' : ''}${n(d.diff)}`}</td>
                <td className={`num${d.pct !== null && d.pct !== 0 ? ' verification-diff' : ''}`}>{d.diff === null ? '' : d.pct === null ? t('verification.task.figures.noShare') : `${d.pct > 0 ? '+' : ''}${d.pct.toFixed(1)}%`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {isBad ? <p className="field__error">{t('verification.task.figures.notNumber')}</p> : null}
      {action.error ? <ErrorNotice error={action.error} /> : null}
      {isLocked ? null : (
        <p>
          <button type="button" className="button button--secondary" data-testid="verification-figures-save" disabled={action.isBusy} onClick={() => void save()}>
            {t('verification.task.figures.save')}
          </button>
        </p>
      )}
    </section>
  );
}
