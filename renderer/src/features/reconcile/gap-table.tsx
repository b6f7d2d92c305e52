import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensions, type Dimension } from '@shared/reconcile/columns';
import { dimensionTitles, measureColumns, measureNames, measureTexts, partNames } from '@shared/reconcile/table-cells';
import type { GapRowView, Measure, ReconcileView } from '@shared/reconcile/wire';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

// The gap table: one table per dimension (专业, 行业大类, 乡镇), each measure as 普查 / 快报 /
// 差异 / 差异率, the cells as shared/reconcile/table-cells.ts writes them (the export too), and an
// explanation per row kept with who wrote it and when.

const parts = ['census', 'annual', 'diff', 'pct'] as const;

function MeasureCells({ m, testId }: { m: Measure; testId: string }) {
  const texts = measureTexts(m);
  return (
    <>
      {texts.map((text, i) => (
        <td key={parts[i]} className={`rec-num${i === 3 && m.pct !== null && Math.abs(m.pct) >= 10 ? ' rec-num--far' : ''}`} data-testid={`${testId}-${parts[i]}`}>
          {text}
        </td>
      ))}
    </>
  );
}

function HeaderRows() {
  const { t } = useTranslation();
  const language = useLanguage();
  const w = (x: { zh: string; en: string }) => (language === 'en' ? x.en : x.zh);
  return (
    <>
      <tr>
        <th scope="col" rowSpan={2}>
          {t('reconcile.group')}
        </th>
        {measureColumns.map((m) => (
          <th key={m} scope="colgroup" colSpan={4} className="rec-measure">
            {w(measureNames[m])}
          </th>
        ))}
        <th scope="col" rowSpan={2} className="rec-note-col">
          {t('reconcile.note')}
        </th>
      </tr>
      <tr>
        {measureColumns.flatMap((m) =>
          parts.map((p) => (
            <th key={`${m}-${p}`} scope="col" className="rec-num">
              {w(partNames[p])}
            </th>
          )),
        )}
      </tr>
    </>
  );
}

export function GapTables({ view, onSaved }: { view: ReconcileView; onSaved: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const w = (x: { zh: string; en: string }) => (language === 'en' ? x.en : x.zh);
  return (
    <div className="rec-tables">
      <p className="muted rec-legend">{t('reconcile.legend')}</p>
      <div className="rec-table" data-testid="rec-total">
        <table className="data-table">
          <caption>{t('reconcile.totalCaption')}</caption>
          <thead>
            <HeaderRows />
          </thead>
          <tbody>
            <tr className="rec-total">
              <th scope="row">{t('reconcile.total')}</th>
              {measureColumns.map((m) => (
                <MeasureCells key={m} m={view.total[m]} testId={`rec-total-${m}`} />
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      {dimensions.map((d) => (
        <div key={d} className="rec-table" data-testid={`rec-gap-${d}`}>
          <table className="data-table">
            <caption>
              {w(dimensionTitles[d])}
              {view.annualSource[d] === 'summed' ? <span className="rec-source"> {t('reconcile.summed')}</span> : null}
            </caption>
            <thead>
              <HeaderRows />
            </thead>
            <tbody>
              {view.rows
                .filter((r) => r.dimension === d)
                .map((r) => (
                  <GapRow key={r.code} row={r} year={view.year} onSaved={onSaved} />
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

function GapRow({ row, year, onSaved }: { row: GapRowView; year: number; onSaved: () => void }) {
  const language = useLanguage();
  const id = `${row.dimension}-${row.code === '' ? 'none' : row.code}`;
  const name = language === 'en' ? row.name.en : row.name.zh;
  return (
    <tr data-testid={`rec-row-${id}`}>
      <th scope="row">
        {row.dimension === 'profession' || row.code === '' ? name : `${row.code} ${name}`}
      </th>
      {measureColumns.map((m) => (
        <MeasureCells key={m} m={row[m]} testId={`rec-${id}-${m}`} />
      ))}
      <td className="rec-note-col">
        <NoteCell row={row} year={year} testId={`rec-note-${id}`} onSaved={onSaved} />
      </td>
    </tr>
  );
}

function NoteCell({ row, year, testId, onSaved }: { row: GapRowView; year: number; testId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [draft, setDraft] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const save = async (text: string) => {
    setIsSaving(true);
    setError(null);
    const result = await call('reconcile:note', { year, dimension: row.dimension satisfies Dimension, code: row.code, text });
    setIsSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDraft(null);
    onSaved();
  };
  if (draft !== null) {
    return (
      <div className="rec-note-edit">
        <textarea className="field__input" rows={2} maxLength={1000} value={draft} data-testid={`${testId}-input`} aria-label={t('reconcile.note')} onChange={(e) => setDraft(e.target.value)} />
        <div className="rec-note-actions">
          <button type="button" className="button button--primary button--small" data-testid={`${testId}-save`} disabled={isSaving || draft.trim() === (row.note?.text ?? '')} onClick={() => void save(draft)}>
            {t('reconcile.noteSave')}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setDraft(null)} disabled={isSaving}>
            {t('reconcile.noteCancel')}
          </button>
        </div>
        {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      </div>
    );
  }
  return (
    <div className="rec-note" data-testid={testId}>
      {row.note && row.note.text !== '' ? (
        <>
          <span className="rec-note__text" data-testid={`${testId}-text`}>{row.note.text}</span>
          <span className="rec-note__by">{t('reconcile.noteBy', { by: row.note.by, at: formatDateTime(row.note.at, language) })}</span>
        </>
      ) : null}
      <button type="button" className="link-button rec-screen" data-testid={`${testId}-edit`} onClick={() => setDraft(row.note?.text ?? '')}>
        {row.note && row.note.text !== '' ? t('reconcile.noteEdit') : t('reconcile.noteAdd')}
      </button>
    </div>
  );
}
