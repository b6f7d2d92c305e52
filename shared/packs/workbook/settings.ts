import type { FormPack, FormPackBody } from '../types';

// The `settings` sheet: key/value rows for the pack's own fields (id, version, date, titles,
// source, notes, schema, the plausibility table's version and source) and its settings, written
// `settings.<name>` as expressions read them. Keys are accepted in English or Chinese.

type MetaField = 'schema' | 'id' | 'version' | 'date' | 'titleZh' | 'titleEn' | 'source' | 'notesZh' | 'notesEn' | 'plausibilityVersion' | 'plausibilitySource' | 'scaleVersion' | 'scaleSource' | 'scaleUnits';

export interface MetaKey {
  key: string;
  field: MetaField;
  zh: string;
  aliases: readonly string[];
  kind: 'text' | 'integer';
  required: boolean;
  get: (pack: FormPack) => string | number | undefined;
}

const m = (key: string, field: MetaField, zh: string, aliases: string[], get: MetaKey['get'], opts: Partial<Pick<MetaKey, 'kind' | 'required'>> = {}): MetaKey => ({
  key,
  field,
  zh,
  aliases,
  get,
  kind: opts.kind ?? 'text',
  required: opts.required ?? true,
});

export const META_KEYS: readonly MetaKey[] = [
  m('id', 'id', '表式包编号 pack id', ['编号', '表式包编号', 'form_id'], (p) => p.id),
  m('version', 'version', '版本 version', ['版本'], (p) => p.version),
  m('date', 'date', '日期 YYYY-MM-DD', ['日期', '发布日期'], (p) => p.date),
  m('title::zh', 'titleZh', '中文标题 title', ['中文标题', '标题', 'form_title'], (p) => p.titleZh),
  m('title::en', 'titleEn', '英文标题 English title', ['英文标题'], (p) => p.titleEn),
  m('source', 'source', '来源 source', ['来源'], (p) => p.source),
  m('notes::zh', 'notesZh', '本版说明 what this version changes', ['本版说明', '更新说明'], (p) => p.notesZh, { required: false }),
  m('notes::en', 'notesEn', '英文本版说明 notes in English', ['英文本版说明'], (p) => p.notesEn, { required: false }),
  m('schema', 'schema', '表式包格式 pack format', ['格式', '表式包格式'], (p) => p.schema, { kind: 'integer' }),
  m('plausibility_version', 'plausibilityVersion', '合理区间版本 plausibility version', ['合理区间版本'], (p) => p.plausibility.version),
  m('plausibility_source', 'plausibilitySource', '合理区间来源 plausibility source', ['合理区间来源'], (p) => p.plausibility.source),
  m('scale_version', 'scaleVersion', '规模划分版本 size bands version', ['规模划分版本'], (p) => p.scaleBands?.version, { required: false }),
  m('scale_source', 'scaleSource', '规模划分来源 size bands source', ['规模划分来源'], (p) => p.scaleBands?.source, { required: false }),
  m('scale_units', 'scaleUnits', '规模划分计量单位 size bands units', ['规模划分计量单位'], (p) => p.scaleBands?.unitsZh, { required: false }),
];

export const SETTING_PREFIX = 'settings.';
export const settingKey = (name: string): string => `${SETTING_PREFIX}${name}`;

const normal = (s: string) => s.replace(/[\s\u3000_]+/g, '').toLowerCase();

/** The meta key a settings-sheet key names, if any. */
export function metaKey(text: string): MetaKey | undefined {
  const t = normal(text);
  return META_KEYS.find((k) => normal(k.key) === t || k.aliases.some((a) => normal(a) === t));
}

export type MetaValues = Partial<Record<MetaField, string | number>>;

/** The body's top-level fields from the meta values (settings and parts added by the caller). */
export function metaBody(meta: MetaValues): Pick<FormPackBody, 'schema' | 'id' | 'version' | 'date' | 'titleZh' | 'titleEn' | 'source' | 'notesZh' | 'notesEn'> {
  const text = (f: MetaField) => (meta[f] === undefined ? undefined : String(meta[f]));
  const body = {
    schema: typeof meta.schema === 'number' ? meta.schema : Number.NaN,
    id: text('id') ?? '',
    version: text('version') ?? '',
    date: text('date') ?? '',
    titleZh: text('titleZh') ?? '',
    titleEn: text('titleEn') ?? '',
    source: text('source') ?? '',
  };
  const notesZh = text('notesZh');
  const notesEn = text('notesEn');
  return { ...body, ...(notesZh !== undefined ? { notesZh } : {}), ...(notesEn !== undefined ? { notesEn } : {}) };
}
