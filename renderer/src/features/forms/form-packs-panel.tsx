import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackPreview, PackPublished } from '@shared/packs/notice';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { fileToBase64 } from '../../lib/file-bytes';
import { useCall } from '../../lib/use-call';
import { useSession } from '../review/session-role';
import { PackChanges } from './pack-changes';
import { usePacksStore } from './packs-store';

// 表式版本: the form pack in force on this laptop and the versions it keeps (units filled under
// an older one keep it until reopened); for the bureau, publishing a new version: pick the pack
// (JSON) or its authoring workbook (XLSX), read every problem and what it changes against the
// server's current pack, then publish. Laptops receive it on their next sync.

const MAX_PACK_BYTES = 8 * 1024 * 1024;

function PublishPack() {
  const { t, i18n } = useTranslation();
  const [preview, setPreview] = useState<PackPreview | null>(null);
  const [published, setPublished] = useState<PackPublished | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setBusy] = useState(false);
  const loadList = usePacksStore((s) => s.loadList);
  const isEnglish = i18n.language === 'en';

  const choose = async (file: File | undefined) => {
    setError(null);
    setPreview(null);
    setPublished(null);
    if (!file) return;
    if (!/\.(json|xlsx)$/i.test(file.name)) {
      setError({ code: 'INVALID_INPUT', message: t('forms.publish.wrongType', { name: file.name }) });
      return;
    }
    if (file.size > MAX_PACK_BYTES) {
      setError({ code: 'INVALID_INPUT', message: t('forms.publish.tooBig') });
      return;
    }
    setBusy(true);
    const result = await call('forms:preview', { fileName: file.name, contentBase64: await fileToBase64(file) });
    setBusy(false);
    if (result.ok) setPreview(result.value);
    else setError(result.error);
  };

  const publish = async () => {
    if (!preview?.pack) return;
    setBusy(true);
    const result = await call('forms:publish', { hash: preview.pack.hash });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setPublished(result.value);
    setPreview(null);
    void loadList(true);
  };

  return (
    <div className="pack-publish" data-testid="pack-publish">
      <h3>{t('forms.publish.title')}</h3>
      <p className="muted">{t('forms.publish.help')}</p>
      <div className="field">
        <label className="field__label" htmlFor="pack-file">
          {t('forms.publish.file')}
        </label>
        <input id="pack-file" type="file" accept=".json,.xlsx" data-testid="pack-file" disabled={isBusy} onChange={(e) => void choose(e.target.files?.[0])} />
        <p className="field__hint">{t('forms.publish.fileHint')}</p>
      </div>
      {isBusy ? (
        <p className="muted" role="status">
          {t('forms.publish.working')}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} title={t('forms.publish.failed')} onDismiss={() => setError(null)} /> : null}
      {preview ? (
        <div className="pack-preview" data-testid="pack-preview" data-can-publish={preview.canPublish}>
          {preview.pack ? (
            <p>
              <strong>{isEnglish ? preview.pack.titleEn : preview.pack.titleZh}</strong>{' '}
              {t('forms.version', { version: preview.pack.version, date: preview.pack.date })}
            </p>
          ) : null}
          {preview.problems.length > 0 ? (
            <div className="notice notice--error" role="alert" data-testid="pack-problems" data-count={preview.problems.length}>
              <p>{t('forms.publish.problems', { count: preview.problems.length })}</p>
              <ul>
                {preview.problems.slice(0, 50).map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.onServer === 'same' ? <p className="notice notice--info">{t('forms.publish.same')}</p> : null}
          {preview.onServer === 'different' ? <p className="notice notice--error">{t('forms.publish.different')}</p> : null}
          {preview.pack && preview.problems.length === 0 ? (
            <>
              <p>{preview.against ? t('forms.publish.against', { ref: preview.against }) : t('forms.publish.againstNone')}</p>
              <PackChanges changes={preview.changes} testId="pack-preview-changes" />
            </>
          ) : null}
          <button type="button" className="button button--primary" data-testid="pack-publish-button" disabled={!preview.canPublish || isBusy} onClick={() => void publish()}>
            {t('forms.publish.button')}
          </button>
        </div>
      ) : null}
      {published ? (
        <p className="notice notice--ok" role="status" data-testid="pack-published">
          {t(`forms.publish.outcome.${published.outcome}`, { ref: published.ref })}
        </p>
      ) : null}
    </div>
  );
}

export function FormPacksPanel() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const packs = useCall('forms:packs', undefined, { reloadKey: usePacksStore((s) => s.generation) });
  const canPublish = session.value?.permissions.includes('forms.publish') ?? false;
  const isEnglish = i18n.language === 'en';
  const list = packs.value;
  return (
    <section className="panel" data-testid="form-packs" aria-labelledby="form-packs-title">
      <h2 className="panel__title" id="form-packs-title">
        {t('forms.title')}
      </h2>
      {packs.error && !list ? <ErrorNotice error={packs.error} onRetry={packs.refetch} /> : null}
      {list ? (
        <table className="data-table form-packs-table" data-testid="form-packs-table">
          <thead>
            <tr>
              <th scope="col">{t('forms.columns.version')}</th>
              <th scope="col">{t('forms.columns.title')}</th>
              <th scope="col">{t('forms.columns.date')}</th>
              <th scope="col">{t('forms.columns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {[...list.packs].reverse().map((p) => (
              <tr key={p.ref} data-testid="form-pack-row" data-ref={p.ref} data-current={p.ref === list.current}>
                <td>
                  <code>{p.ref}</code>
                </td>
                <td>
                  {isEnglish ? p.titleEn : p.titleZh}
                  {(isEnglish ? p.notesEn : p.notesZh) ? <div className="muted">{isEnglish ? p.notesEn : p.notesZh}</div> : null}
                </td>
                <td>{p.date}</td>
                <td>{p.ref === list.current ? t('forms.state.current') : p.isBuiltin ? t('forms.state.builtin') : t('forms.state.kept')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canPublish ? <PublishPack /> : null}
    </section>
  );
}
