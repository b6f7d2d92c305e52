import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiaisonListPage } from '@shared/liaison/liaison';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { formatCount } from '../../lib/format';
import { useTownships } from '../directory/townships';
import { AssignForm } from './assign-form';

// The enterprises with their 包保责任人, department and visits; tick many and assign them at once.

const PAGE = 100;

export function LiaisonList({ page, offset, canAssign, onOffset, onAssigned }: { page: LiaisonListPage; offset: number; canAssign: boolean; onOffset(n: number): void; onAssigned(text: string): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const townshipNames = useTownships((s) => s.names);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const ids = page.rows.map((r) => r.enterpriseId);
  const isAllOnPage = ids.length > 0 && ids.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="liaison-list" aria-labelledby="liaison-list-title">
      <div className="liaison-bulk" data-testid="liaison-bulk">
        <p className="muted" data-testid="liaison-bulk-hint">
          {!canAssign ? t('liaison.assign.notAllowed') : selected.size === 0 ? t('liaison.list.selectHint') : t('liaison.list.selected', { count: selected.size })}
        </p>
        {canAssign && selected.size > 0 ? (
          <AssignForm
            enterpriseIds={[...selected]}
            onAssigned={(r) => {
              setSelected(new Set());
              onAssigned(t('liaison.assign.done', { assigned: r.assigned, unchanged: r.unchanged }));
            }}
          />
        ) : null}
      </div>
      {page.total === 0 ? (
        <p className="muted">{t('liaison.list.none')}</p>
      ) : (
        <table className="data-table dir-wide-table" data-testid="liaison-list">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  disabled={!canAssign}
                  aria-label={t('liaison.list.selectPage')}
                  data-testid="liaison-select-page"
                  checked={isAllOnPage}
                  onChange={() => setSelected((s) => (isAllOnPage ? new Set([...s].filter((id) => !ids.includes(id))) : new Set([...s, ...ids])))}
                />
              </th>
              <th scope="col">{t('directory.columns.name')}</th>
              <th scope="col">{t('directory.columns.township')}</th>
              <th scope="col">{t('liaison.official')}</th>
              <th scope="col">{t('liaison.department')}</th>
              <th scope="col">{t('liaison.since')}</th>
              <th scope="col" className="num">
                {t('liaison.list.visits')}
              </th>
              <th scope="col">{t('liaison.coverage.lastVisit')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.enterpriseId} data-testid={`liaison-row-${r.enterpriseId}`}>
                <td>
                  <input type="checkbox" disabled={!canAssign} aria-label={t('liaison.list.select', { name: r.name })} data-testid="liaison-select" checked={selected.has(r.enterpriseId)} onChange={() => toggle(r.enterpriseId)} />
                </td>
                <th scope="row">
                  <a href={subHref('directory', 'liaison', r.enterpriseId)}>{r.name}</a>
                  <div className="mono muted">{r.uscc}</div>
                </th>
                <td>{townshipNames.get(r.divisionCode.slice(0, 9)) ?? r.divisionCode.slice(0, 9)}</td>
                <td data-testid="liaison-row-official">{r.official === '' ? <span className="badge badge--warn">{t('liaison.list.unassigned')}</span> : r.official}</td>
                <td>{r.department || '—'}</td>
                <td className="mono">{r.since ?? '—'}</td>
                <td className="num">{formatCount(r.visits, language)}</td>
                <td className="mono">{r.lastVisit ?? t('liaison.list.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.total > PAGE ? (
        <p className="dir-inline">
          <button type="button" className="button button--secondary button--small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE))}>
            {t('liaison.list.previous')}
          </button>
          <span className="muted">{t('liaison.list.range', { from: offset + 1, to: Math.min(offset + PAGE, page.total), total: page.total })}</span>
          <button type="button" className="button button--secondary button--small" disabled={offset + PAGE >= page.total} onClick={() => onOffset(offset + PAGE)}>
            {t('liaison.list.next')}
          </button>
        </p>
      ) : null}
    </section>
  );
}

export const LIST_PAGE = PAGE;
