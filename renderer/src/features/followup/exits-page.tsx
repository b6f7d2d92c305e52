import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { useCall } from '../../lib/use-call';
import { colon, formatCount } from '../../lib/format';
import { StatusTag } from '../directory/tags';
import { useTownships } from '../directory/townships';

// 退库 candidates: 规上 enterprises that should leave the above-size directory — closed,
// deregistered, bankrupt, moved away, merged, or fallen below the threshold — each with the
// reasons main found. The status has its own column; the reasons column says why (the status
// note, or the revenue against the threshold), and asks for a note where there is none. The
// whole list can be saved as XLSX for the meeting that decides the exits.

const PAGE = 200;

export function ExitsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const townshipNames = useTownships((s) => s.names);
  const loadTownships = useTownships((s) => s.load);
  const [offset, setOffset] = useState(0);
  const exits = useCall('exits:list', { offset, limit: PAGE });
  const rows = exits.value?.rows ?? null;
  const total = exits.value?.total ?? 0;
  const { error } = exits;
  const n = (v: number) => formatCount(v, language);

  useEffect(() => {
    void loadTownships();
  }, [loadTownships]);

  return (
    <div className="exits" data-testid="exits-page">
      <p className="field__hint">{t('directory.exits.hint')}</p>
      {error ? <ErrorNotice error={error} onRetry={exits.refetch} /> : null}
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted" data-testid="exits-none">
          {t('directory.exits.none')}
        </p>
      ) : (
        <>
          <div className="toolbar">
            <p className="muted" role="status">
              {t('directory.exits.count', { total: n(total) })}
            </p>
            <DownloadButton label={t('directory.exits.export')} testId="exits-export" request={() => call('exits:exportXlsx', {})} />
          </div>
          <table className="data-table dir-wide-table" data-testid="exits-table">
            <thead>
              <tr>
                <th scope="col">{t('directory.columns.name')}</th>
                <th scope="col">{t('directory.columns.uscc')}</th>
                <th scope="col">{t('directory.columns.township')}</th>
                <th scope="col">{t('directory.columns.status')}</th>
                <th scope="col">{t('directory.exits.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid={`exit-row-${r.id}`}>
                  <th scope="row">
                    <a href={subHref('directory', 'enterprise', r.id)}>{r.name}</a>
                  </th>
                  <td className="mono">{r.uscc}</td>
                  <td>{townshipNames.get(r.divisionCode.slice(0, 9)) ?? r.divisionCode.slice(0, 9)}</td>
                  <td>
                    <StatusTag status={r.status} />
                  </td>
                  <td>
                    <ul className="exit-reasons" data-testid="exit-reasons">
                      {r.reasons.map((reason) => {
                        const detail = language === 'en' ? reason.detailEn : reason.detailZh;
                        if (reason.code !== 'below_threshold') {
                          return <li key={reason.code}>{detail !== '' ? detail : <span className="muted">{t('directory.exits.noNote')}</span>}</li>;
                        }
                        return (
                          <li key={reason.code}>
                            <strong>{t('directory.exits.reason.below_threshold')}</strong>
                            {detail !== '' ? `${colon(language)}${detail}` : ''}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > PAGE ? (
            <div className="pager">
              <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('directory.prev')}
              </button>
              <span>
                {n(offset + 1)}–{n(Math.min(offset + PAGE, total))}
              </span>
              <button type="button" className="button button--secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                {t('directory.next')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
