import { useTranslation } from 'react-i18next';
import type { InterferenceEntry } from '@shared/interference/entry';
import { useLanguage } from '../../app/store';
import { formatDateTime, joinList } from '../../lib/format';
import type { NumberedRow } from './numbering';

// The register as a table, on screen and on paper (the print sheet has no action column).
// A correction names the row it corrects, a corrected row the rows that correct it: both stay.

export function InterferenceTable(props: { rows: readonly NumberedRow[]; noOf: ReadonlyMap<string, number>; onCorrect?(entry: InterferenceEntry, no: number): void; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <table className="data-table itf-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th scope="col" className="num itf-nowrap">{t('interference.columns.no')}</th>
          <th scope="col">{t('interference.columns.occurredOn')}</th>
          <th scope="col">{t('interference.columns.actor')}</th>
          <th scope="col" className="itf-nowrap">{t('interference.columns.manner')}</th>
          <th scope="col">{t('interference.columns.figure')}</th>
          <th scope="col">{t('interference.columns.request')}</th>
          <th scope="col">{t('interference.columns.response')}</th>
          <th scope="col">{t('interference.columns.recorded')}</th>
          {props.onCorrect ? <th scope="col" /> : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map(({ entry: e, correctedBy, no }) => {
          const fixedBy = correctedBy.map((id) => props.noOf.get(id)).filter((n): n is number => n !== undefined);
          return (
            <tr key={e.id} data-testid="itf-row" data-corrected={correctedBy.length > 0 ? 'true' : undefined}>
              <td className="num">{no}</td>
              <td className="itf-nowrap">{e.occurredOn}</td>
              <td>
                <strong>{e.actorName}</strong>
                <div className="muted">{e.actorPost}</div>
                <div className="muted">{e.actorUnit}</div>
              </td>
              <td className="itf-manner">{t(`interference.manners.${e.manner}`)}</td>
              <td>
                {e.indicator}
                <div className="muted">{e.period}</div>
                {e.subject ? <div className="muted">{e.subject}</div> : null}
              </td>
              <td className="itf-text">
                {e.corrects !== null ? (
                  <div className="itf-note itf-note--correction" data-testid="itf-corrects">
                    {props.noOf.has(e.corrects) ? t('interference.correctsNo', { no: props.noOf.get(e.corrects), reason: e.correctionReason }) : t('interference.correctsOther', { reason: e.correctionReason })}
                  </div>
                ) : null}
                {e.request}
                {correctedBy.length > 0 ? (
                  <div className="itf-note" data-testid="itf-corrected-by">
                    {fixedBy.length > 0 ? t('interference.correctedByNo', { list: joinList(fixedBy.map(String), language) }) : t('interference.correctedByOther')}
                  </div>
                ) : null}
              </td>
              <td className="itf-text">
                {t(`interference.responses.${e.response}`)}
                {e.reportedTo ? <div>→ {e.reportedTo}</div> : null}
                {e.responseNote ? <div className="muted">{e.responseNote}</div> : null}
              </td>
              <td>
                {e.recordedByName}
                <div className="muted itf-nowrap">{formatDateTime(e.recordedAt, language)}</div>
              </td>
              {props.onCorrect ? (
                <td>
                  <button type="button" className="button button--secondary button--small itf-nowrap" data-testid={`itf-correct-${no}`} onClick={() => props.onCorrect?.(e, no)}>
                    {t('interference.correct')}
                  </button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
