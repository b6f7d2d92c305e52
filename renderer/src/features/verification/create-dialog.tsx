import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { taskKinds, type TaskKind } from '@shared/verification/sync-fields';
import type { TaskCreate, TaskCreateResult } from '@shared/verification/wire';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { joinClauses } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useTownships } from '../directory/townships';
import { Dialog } from '../registration/dialog';

// New 核查 tasks from one of the bureau's lists: the 入库 applicants, the 退库 list (enterprises
// ticked one by one), a seeded sample of the 规上 units, or an existing 双随机 draw. One batch:
// a title, the period whose figures are compared, and optionally the checker.

interface Props {
  people: readonly { name: string; userId: string | null }[];
  onClose(): void;
  onCreated(result: TaskCreateResult): void;
}

const needKeys = {
  title: 'verification.create.needTitle',
  pick: 'verification.create.needPick',
  seed: 'verification.create.needSeed',
  count: 'verification.create.needCount',
  draw: 'verification.create.needDraw',
} as const;
type Problem = keyof typeof needKeys | null;

function Picker({ rows, picked, setPicked }: { rows: readonly { id: string; name: string; note: string }[]; picked: ReadonlySet<string>; setPicked(s: Set<string>): void }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('verification.create.noneOnList')}</p>;
  const isAll = rows.every((r) => picked.has(r.id));
  return (
    <div className="verification-picker" data-testid="verification-picker">
      <label className="checkbox">
        <input type="checkbox" data-testid="verification-pick-all" checked={isAll} onChange={() => setPicked(isAll ? new Set() : new Set(rows.map((r) => r.id)))} /> {t('verification.create.pickAll')}{' '}
        <span className="muted">{t('verification.create.picked', { n: picked.size })}</span>
      </label>
      <ul className="verification-picker__list">
        {rows.map((r) => (
          <li key={r.id}>
            <label className="checkbox">
              <input
                type="checkbox"
                data-testid={`verification-pick-${r.id}`}
                checked={picked.has(r.id)}
                onChange={() => {
                  const next = new Set(picked);
                  if (next.has(r.id)) next.delete(r.id);
                  else next.add(r.id);
                  setPicked(next);
                }}
              />{' '}
              {r.name} {r.note ? <span className="muted">{r.note}</span> : null}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CreateDialog({ people, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const townships = useTownships((s) => s.townships);
  const today = new Date();
  const [kind, setKind] = useState<TaskKind>('exit');
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(today.getFullYear());
  const [month, setMonth] = useState(today.getMonth() === 0 ? 12 : today.getMonth());
  const [assignee, setAssignee] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [seed, setSeed] = useState('');
  const [count, setCount] = useState('10');
  const [prefix, setPrefix] = useState('');
  const [drawId, setDrawId] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const applicants = useCall('candidates:list', { kinds: ['followed'], stages: ['applied'], limit: 500 }, { isEnabled: kind === 'admission' });
  const exits = useCall('exits:list', { limit: 500 }, { isEnabled: kind === 'exit' });
  const draws = useCall('draw:list', undefined, { isEnabled: kind === 'draw' });

  const rows =
    kind === 'admission'
      ? (applicants.value?.rows ?? []).map((r) => ({ id: r.id, name: r.name, note: r.uscc }))
      : (exits.value?.rows ?? []).map((r) => ({ id: r.id, name: r.name, note: joinClauses(r.reasons.map((x) => (language === 'en' ? x.detailEn : x.detailZh)).filter((x) => x !== ''), language) }));

  const submit = async () => {
    setError(null);
    if (title.trim() === '') return setProblem('title');
    const person = assignee.trim();
    const common = {
      title: title.trim(),
      period: { year, month },
      assignee: person === '' ? null : { name: person, userId: people.find((p) => p.name === person)?.userId ?? null },
    };
    let input: TaskCreate;
    if (kind === 'admission' || kind === 'exit') {
      const ids = rows.filter((r) => picked.has(r.id)).map((r) => r.id);
      if (ids.length === 0) return setProblem('pick');
      input = { kind, enterpriseIds: ids, ...common };
    } else if (kind === 'sample') {
      const n = Number(count);
      if (seed.trim() === '') return setProblem('seed');
      if (!Number.isInteger(n) || n < 1 || n > 5000) return setProblem('count');
      input = { kind, seed: seed.trim(), count: n, ...(prefix ? { divisionPrefix: prefix } : {}), ...common };
    } else {
      if (drawId === '') return setProblem('draw');
      input = { kind, drawId, ...common };
    }
    setProblem(null);
    setIsBusy(true);
    const r = await call('verification:create', input);
    setIsBusy(false);
    if (r.ok) onCreated(r.value);
    else setError(r.error);
  };

  const problemText = problem ? t(needKeys[problem]) : null;

  return (
    <Dialog title={t('verification.create.title')} testId="verification-create" onClose={onClose} isWide>
      <form
        className="form verification-create"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="dir-fieldset">
          <legend className="field__label">{t('verification.create.kind')}</legend>
          {taskKinds.map((k) => (
            <label key={k} className="checkbox verification-create__kind">
              <input
                type="radio"
                name="verification-kind"
                data-testid={`verification-kind-${k}`}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setPicked(new Set());
                }}
              />{' '}
              {t(`verification.create.sources.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="verification-create__row">
          <label className="field">
            <span className="field__label">{t('verification.create.batchTitle')}</span>
            <input className="field__input" data-testid="verification-batch-title" maxLength={100} value={title} placeholder={t('verification.create.batchTitlePlaceholder')} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">{t('verification.create.year')}</span>
            <input className="field__input" type="number" min={2000} max={2100} data-testid="verification-year" value={year} onChange={(e) => setYear(Number(e.target.value))} />
          </label>
          <label className="field">
            <span className="field__label">{t('verification.create.month')}</span>
            <select className="field__input field__input--select" data-testid="verification-month" value={month} onChange={(e) => setMonth(Number(e.target.value))}>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('verification.create.assignee')}</span>
            <input className="field__input" list="verification-people" data-testid="verification-assignee" maxLength={40} value={assignee} onChange={(e) => setAssignee(e.target.value)} />
            <datalist id="verification-people">
              {people.map((p) => (
                <option key={p.name} value={p.name} />
              ))}
            </datalist>
          </label>
        </div>
        {kind === 'admission' || kind === 'exit' ? (
          <Picker
            rows={rows}
            picked={picked}
            setPicked={(next) => {
              setPicked(next);
              if (problem === 'pick') setProblem(null);
            }}
          />
        ) : null}
        {kind === 'sample' ? (
          <div className="verification-create__row">
            <label className="field">
              <span className="field__label">{t('verification.create.seed')}</span>
              <input className="field__input mono" data-testid="verification-seed" maxLength={64} value={seed} onChange={(e) => setSeed(e.target.value)} />
              <span className="field__hint">{t('verification.create.seedHint')}</span>
            </label>
            <label className="field">
              <span className="field__label">{t('verification.create.count')}</span>
              <input className="field__input" inputMode="numeric" data-testid="verification-count" value={count} onChange={(e) => setCount(e.target.value)} />
            </label>
            <label className="field">
              <span className="field__label">{t('verification.create.township')}</span>
              <select className="field__input field__input--select" value={prefix} onChange={(e) => setPrefix(e.target.value)}>
                <option value="">{t('verification.create.wholeCounty')}</option>
                {townships.map((tw) => (
                  <option key={tw.code} value={tw.code}>
                    {tw.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ) : null}
        {kind === 'draw' ? (
          (draws.value ?? []).length === 0 ? (
            <p className="muted">{t('verification.create.noDraws')}</p>
          ) : (
            <label className="field">
              <span className="field__label">{t('verification.create.draw')}</span>
              <select className="field__input field__input--select" data-testid="verification-draw" value={drawId} onChange={(e) => setDrawId(e.target.value)}>
                <option value="" />
                {(draws.value ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title} · {d.seed} · {d.drawn}
                  </option>
                ))}
              </select>
            </label>
          )
        ) : null}
        {problemText ? (
          <p className="field__error" role="alert" data-testid="verification-create-problem">
            {problemText}
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="verification-create-submit" disabled={isBusy}>
            {isBusy ? t('verification.create.creating') : t('verification.create.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('verification.create.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
