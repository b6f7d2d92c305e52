import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseRow } from '@shared/directory/directory';
import { subHref } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { formatInteger } from '../format';
import { useTownships } from '../townships';
import { FlagBadges, StageTag, StatusTag } from '../tags';
import { useDirectoryList, type SortField } from './list-store';

// The directory as one long table that stays smooth at 100,000 rows: only the rows in view
// (plus a margin) are in the DOM, and only their pages are fetched (see page-cache.ts). Rows
// have one fixed height (CSS: .dir-table tbody tr) so positions are exact arithmetic, and
// spacer rows above and below keep a real <table> for screen readers, with aria-rowindex
// telling them where they are in the whole list.

const ROW_HEIGHT = 37;

interface Column {
  id: 'name' | 'uscc' | 'township' | 'industry' | 'scale' | 'liaison' | 'ytdRevenue' | 'flags' | 'status';
  sort?: SortField;
  className?: string;
}

const columns: readonly Column[] = [
  { id: 'name', sort: 'name', className: 'dir-col--name' },
  { id: 'uscc', sort: 'uscc', className: 'dir-col--uscc' },
  { id: 'township', sort: 'divisionCode', className: 'dir-col--township' },
  { id: 'industry', sort: 'industryCode', className: 'dir-col--industry' },
  { id: 'scale', className: 'dir-col--scale' },
  { id: 'liaison', className: 'dir-col--liaison' },
  { id: 'ytdRevenue', sort: 'ytdRevenue', className: 'dir-col--num' },
  { id: 'flags', className: 'dir-col--flags' },
  { id: 'status', className: 'dir-col--status' },
];

/** Memoised: rows are the cache's own objects, so a row re-renders only when its data came anew. */
const Row = memo(function Row({ row, index }: { row: EnterpriseRow | undefined; index: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const townshipNames = useTownships((s) => s.names);
  if (!row) {
    return (
      <tr aria-rowindex={index + 2} className="dir-row--loading">
        <td colSpan={columns.length}>
          <span className="dir-skeleton" aria-hidden="true" />
          <span className="visually-hidden">{t('app.loading')}</span>
        </td>
      </tr>
    );
  }
  const township = row.divisionCode.slice(0, 9);
  return (
    <tr aria-rowindex={index + 2} data-testid={`enterprise-row-${row.id}`} data-uscc={row.uscc}>
      <th scope="row" className="dir-cell--name">
        <a href={subHref('directory', 'enterprise', row.id)} data-testid={`enterprise-link-${row.id}`} title={row.address || row.name}>
          {row.name}
        </a>
      </th>
      <td className="mono">{row.uscc !== '' ? row.uscc : row.orgCode}</td>
      <td title={row.divisionCode}>{townshipNames.get(township) ?? township}</td>
      <td className="mono">{row.industryCode}</td>
      <td>{t(`directory.scale.${row.scale}`)}</td>
      <td>{row.liaison}</td>
      <td className="num">{formatInteger(row.flags.ytdRevenue, language)}</td>
      <td>
        <FlagBadges flags={row.flags} testId={`enterprise-flags-${row.id}`} />
        <StageTag stage={row.stage} />
      </td>
      <td>
        <StatusTag status={row.status} />
      </td>
    </tr>
  );
});

export function EnterpriseTable() {
  const { t } = useTranslation();
  const cache = useDirectoryList((s) => s.cache);
  const sort = useDirectoryList((s) => s.sort);
  const direction = useDirectoryList((s) => s.direction);
  const setSort = useDirectoryList((s) => s.setSort);
  const setScrollTop = useDirectoryList((s) => s.setScrollTop);
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = snapshot.total ?? 0;

  // The virtualizer hands out fresh functions each render by design; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: () => useDirectoryList.getState().scrollTop,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  // Re-checked on every cache change too: a refresh keeps only its first page, and rows in view
  // further down must be fetched again even though the visible range did not move.
  useEffect(() => {
    cache.ensureRange(first, last);
  }, [cache, first, last, snapshot.version]);

  // A new query starts at the top (the store reset scrollTop when the filters changed).
  const scrollTop = useDirectoryList((s) => s.scrollTop);
  useEffect(() => {
    const el = scrollRef.current;
    if (el && scrollTop === 0 && el.scrollTop !== 0) el.scrollTop = 0;
  }, [scrollTop]);

  // Township names need the county; the first row on screen tells it when settings do not.
  const loadTownships = useTownships((s) => s.load);
  const firstDivision = cache.rowAt(first)?.divisionCode;
  useEffect(() => {
    if (firstDivision) void loadTownships(firstDivision);
  }, [firstDivision, loadTownships]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div
      className="dir-table__scroll"
      ref={scrollRef}
      data-testid="directory-table-scroll"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table className="data-table dir-table" data-testid="directory-table" aria-rowcount={total + 1}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={c.id === 'ytdRevenue' ? 'num' : undefined}
                aria-sort={c.sort && c.sort === sort ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort ? (
                  <button type="button" className="dir-sort" data-testid={`sort-${c.id}`} onClick={() => setSort(c.sort ?? 'name')}>
                    {t(`directory.columns.${c.id}`)}
                    <span aria-hidden="true" className="dir-sort__arrow">
                      {c.sort === sort ? (direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  t(`directory.columns.${c.id}`)
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            <tr aria-hidden="true" className="dir-spacer" style={{ height: paddingTop }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
          {items.map((item) => (
            <Row key={item.index} index={item.index} row={cache.rowAt(item.index)} />
          ))}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true" className="dir-spacer" style={{ height: paddingBottom }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
