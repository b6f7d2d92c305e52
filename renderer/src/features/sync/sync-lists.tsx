import type { TFunction } from 'i18next';
import { packRefusalCodes } from '@shared/packs/server-api';
import type { LoadedPack } from '@shared/packs/load';
import { useCurrentPack } from '../forms/packs-store';
import { useTranslation } from 'react-i18next';
import {
  REFUSED_LIST_LIMIT,
  syncErrorCodes,
  syncLogSteps,
  type ConflictNote,
  type RejectedOp,
  type SyncLogEntry,
} from '@shared/sync/client-status';
import { rejectCodes, type JsonValue } from '@shared/sync/protocol';
import { useLanguage } from '../../app/store';
import { formatCount, formatDateTime } from '../../lib/format';
import { fieldText, fieldValueText } from '../../lib/field-text';
import { recordFieldText, recordKindText, recordValueText } from '../../lib/record-field-text';
import type { Language } from '@shared/session/settings';

// The three lists of the sync page: operations the server refused, open conflicts and the
// recent runs. Fields are named in words (611表 · 从业人员期末人数, 单位状态) and values shown as
// the form shows them (codes by name, 草稿 rather than "draft"). Long values are shortened.

const short = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** An op's value (JSON text) as the form or the unit page shows it (lib/field-text.ts). */
function valueText(pack: LoadedPack | null, field: string, json: string, language: Language, t: TFunction): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return short(json);
  }
  return short(fieldValueText(pack, field, value, language, t));
}

/** A conflict's value (JSON text) as its kind of record shows it (lib/record-field-text.ts). */
function jsonValueText(entity: string, pack: LoadedPack | null, field: string, json: string, language: Language, t: TFunction): string {
  try {
    return short(recordValueText(entity, pack, field, JSON.parse(json) as JsonValue, language, t));
  } catch {
    return short(json);
  }
}

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

const createdKinds = ['unit', 'enterprise', 'draw'] as const;

/** What a refused '$create' made, in words: 新建单位, 新建企业, 新建抽查. */
export const createdLabel = (entity: string, t: TFunction): string =>
  isOneOf(createdKinds, entity) ? t(`sync.refused.createdKinds.${entity}`) : t('sync.refused.created');

export function RejectedList({ rows }: { rows: readonly RejectedOp[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  return (
    <section className="panel" data-testid="sync-rejected" data-count={rows.length}>
      <h2 className="panel__title">{t('sync.rejected.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('sync.rejected.none')}</p>
      ) : (
        <table className="data-table sync-table">
          <caption>
            {t('sync.rejected.caption')}
            {rows.length >= REFUSED_LIST_LIMIT ? (
              <span data-testid="sync-rejected-limit"> {t('sync.rejected.limited', { count: REFUSED_LIST_LIMIT })}</span>
            ) : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('sync.columns.unit')}</th>
              <th scope="col">{t('sync.columns.field')}</th>
              <th scope="col">{t('sync.columns.value')}</th>
              <th scope="col">{t('sync.columns.reason')}</th>
              <th scope="col">{t('sync.columns.time')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="sync-rejected-row" data-code={r.code} data-state={r.state}>
                <td title={r.entityId}>{r.unitName || <code>{r.entityId}</code>}</td>
                <td>{r.field === '$create' ? createdLabel(r.entity, t) : fieldText(pack, r.field, language, t)}</td>
                <td>{r.field === '$create' ? r.areaCode : valueText(pack, r.field, r.value, language, t)}</td>
                <td title={r.message}>
                  {isOneOf(rejectCodes, r.code) ? t(`sync.rejectCodes.${r.code}`) : r.code === 'CLOCK_AHEAD' ? t('sync.rejectCodes.CLOCK_AHEAD') : r.code}
                  {r.state !== 'open' ? <span className="badge" data-testid="sync-rejected-state">{t(`sync.rejected.states.${r.state}`)}</span> : null}
                </td>
                <td>{formatDateTime(r.rejectedAt, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ConflictList({ rows }: { rows: readonly ConflictNote[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  return (
    <section className="panel" data-testid="sync-conflicts" data-count={rows.length}>
      <h2 className="panel__title">{t('sync.conflicts.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('sync.conflicts.none')}</p>
      ) : (
        <>
          <p>{t('sync.conflicts.explain')}</p>
          <table className="data-table sync-table">
            <caption>{t('sync.conflicts.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.columns.unit')}</th>
                <th scope="col">{t('sync.columns.field')}</th>
                <th scope="col">{t('sync.columns.keptValue')}</th>
                <th scope="col">{t('sync.columns.otherValue')}</th>
                <th scope="col">{t('sync.columns.time')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.conflictId} data-testid="sync-conflict-row">
                  <td title={r.entityId}>
                    {r.entity !== 'unit' ? <small className="muted">{recordKindText(r.entity, t)} </small> : null}
                    {r.unitName || <code>{r.entityId}</code>}
                  </td>
                  <td>{recordFieldText(r.entity, pack, r.field, language, t)}</td>
                  <td data-testid="sync-conflict-kept">
                    {jsonValueText(r.entity, pack, r.field, r.keptValue, language, t)}
                    <br />
                    <small>{r.keptBy}</small>
                  </td>
                  <td data-testid="sync-conflict-other">
                    {jsonValueText(r.entity, pack, r.field, r.otherValue, language, t)}
                    <br />
                    <small>{r.otherBy}</small>
                  </td>
                  <td>{r.reportedAt ? formatDateTime(r.reportedAt, language) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function SyncLogTable({ rows }: { rows: readonly SyncLogEntry[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="panel" data-testid="sync-log" data-count={rows.length}>
      <h2 className="panel__title">{t('sync.log.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('sync.log.none')}</p>
      ) : (
        <table className="data-table sync-table">
          <caption>{t('sync.log.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sync.columns.time')}</th>
              <th scope="col">{t('sync.log.trigger')}</th>
              <th scope="col">{t('sync.log.outcome')}</th>
              <th scope="col" className="num">
                {t('sync.log.pushed')}
              </th>
              <th scope="col" className="num">
                {t('sync.log.pulled')}
              </th>
              <th scope="col" className="num">
                {t('sync.log.kilobytes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="sync-log-row" data-outcome={r.outcome}>
                <td>{formatDateTime(r.finishedAt, language)}</td>
                <td title={r.message ?? undefined}>{isOneOf(syncLogSteps, r.trigger) ? t(`sync.triggers.${r.trigger}`) : r.trigger}</td>
                <td>
                  {r.outcome === 'ok'
                    ? t('sync.log.ok')
                    : isOneOf(syncErrorCodes, r.errorCode)
                      ? t(`sync.errors.${r.errorCode}`)
                      : isOneOf(packRefusalCodes, r.errorCode)
                        ? t(`forms.refusals.${r.errorCode}`)
                        : (r.errorCode ?? '')}
                </td>
                <td className="num">{formatCount(r.pushed, language)}</td>
                <td className="num">{formatCount(r.pulled, language)}</td>
                <td className="num">{formatCount(Math.ceil((r.bytesUp + r.bytesDown) / 1024), language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
