import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTenths, parseTargetPercent, type TargetList } from '@shared/analysis/targets';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';

// The yearly targets of one line for the district and each township: the bureau types a
// percentage (one decimal at most) and saves a row at a time; everyone else reads them.

export function TargetsPanel(props: { year: number; line: string; lineLabel: string; list: TargetList; onSaved(): void }) {
  const { t } = useTranslation();
  const { list } = props;
  return (
    <section className="ana-targets" data-testid="ana-targets">
      <h2 className="ana-section-title">{t('analysis.targets.title', { year: props.year, line: props.lineLabel })}</h2>
      {list.canEdit ? null : <p className="muted">{t('analysis.targets.readOnly')}</p>}
      <table className="data-table ana-targets__table">
        <thead>
          <tr>
            <th scope="col">{t('analysis.targets.area')}</th>
            <th scope="col">{t('analysis.targets.value')}</th>
            <th scope="col">{t('analysis.targets.note')}</th>
            {list.canEdit ? <th scope="col" /> : null}
          </tr>
        </thead>
        <tbody>
          {list.areas.map((a) => {
            const target = list.targets.find((x) => x.areaCode === a.code && x.line === props.line);
            return <TargetRow key={`${a.code}|${props.line}|${target?.updatedAt ?? ''}`} year={props.year} line={props.line} area={a} tenths={target?.targetTenths ?? null} note={target?.note ?? ''} canEdit={list.canEdit} onSaved={props.onSaved} />;
          })}
        </tbody>
      </table>
    </section>
  );
}

function TargetRow(props: { year: number; line: string; area: { code: string; name: string }; tenths: number | null; note: string; canEdit: boolean; onSaved(): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.tenths === null ? '' : formatTenths(props.tenths).replace('−', '-'));
  const [note, setNote] = useState(props.note);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isInvalid, setIsInvalid] = useState(false);
  const [isSaved, setIsSaved] = useState(false);
  const save = async () => {
    const tenths = parseTargetPercent(value);
    setIsSaved(false);
    if (tenths === undefined) {
      setIsInvalid(true);
      return;
    }
    setIsInvalid(false);
    const r = await call('analysis:setTarget', { year: props.year, areaCode: props.area.code, line: props.line, targetTenths: tenths, note });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setIsSaved(true);
    props.onSaved();
  };
  if (!props.canEdit) {
    return (
      <tr data-testid={`ana-target-${props.area.code}`}>
        <th scope="row">{props.area.name}</th>
        <td className="ana-num">{props.tenths === null ? '—' : formatTenths(props.tenths)}</td>
        <td>{props.note}</td>
      </tr>
    );
  }
  return (
    <tr data-testid={`ana-target-${props.area.code}`}>
      <th scope="row">{props.area.name}</th>
      <td>
        <input
          className="field__input ana-target-input"
          inputMode="decimal"
          aria-label={`${props.area.name} ${t('analysis.targets.value')}`}
          aria-invalid={isInvalid}
          data-testid={`ana-target-value-${props.area.code}`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        {isInvalid ? (
          <p className="field__error" role="alert">
            {t('analysis.targets.invalid')}
          </p>
        ) : null}
      </td>
      <td>
        <input className="field__input" aria-label={`${props.area.name} ${t('analysis.targets.note')}`} data-testid={`ana-target-note-${props.area.code}`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </td>
      <td>
        <button type="button" className="button button--secondary" data-testid={`ana-target-save-${props.area.code}`} onClick={() => void save()}>
          {t('analysis.targets.save')}
        </button>
        {isSaved ? <span className="muted"> {t('analysis.targets.saved')}</span> : null}
        {error ? <ErrorNotice error={error} /> : null}
      </td>
    </tr>
  );
}
